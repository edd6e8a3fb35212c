/**
 * Test digits by class ('network:digits'): a class filter and a page of thumbnails; picking one
 * feeds it to the network. The test split holds digits the shipped network never trained on.
 */
import { useEffect, useState } from 'react';

import type { DigitSample } from '../../../preload/networkContract.js';
import { errorMessage } from '../studio/errorMessage.js';
import { GrayImage } from './GrayImage.js';
import { networkApi } from './networkApi.js';

/** Thumbnails per page: three rows of eight leave room for the fed input below. */
export const DIGITS_PER_PAGE = 24;

/** Props of DigitBrowser. */
export interface DigitBrowserProps {
  /** The test digit fed now (index within the test split), or null for another input. */
  selected: number | null;
  onPick(digit: DigitSample): void;
}

/** The class filter, the thumbnail page and its pager. */
export function DigitBrowser({ selected, onPick }: DigitBrowserProps) {
  const [label, setLabel] = useState<number | null>(null);
  const [page, setPage] = useState(0);
  const [digits, setDigits] = useState<DigitSample[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    networkApi.digits(label, page * DIGITS_PER_PAGE, DIGITS_PER_PAGE).then(
      (answer) => {
        if (!live) return;
        setDigits(answer.digits);
        setTotal(answer.total);
        setError(null);
      },
      (reason: unknown) => live && setError(`Could not load the test digits: ${errorMessage(reason)}`),
    );
    return () => {
      live = false;
    };
  }, [label, page]);

  const pages = Math.max(1, Math.ceil(total / DIGITS_PER_PAGE));
  const first = page * DIGITS_PER_PAGE;
  return (
    <div className="digit-browser">
      <div className="row">
        <label className="inline-field">
          <span>Class</span>
          <select
            data-testid="digit-class"
            value={label === null ? 'all' : String(label)}
            onChange={(e) => {
              setLabel(e.target.value === 'all' ? null : Number(e.target.value));
              setPage(0);
            }}
          >
            <option value="all">All digits</option>
            {Array.from({ length: 10 }, (_, d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small" data-testid="digit-page">
          {total === 0 ? '…' : `${first + 1}–${Math.min(total, first + DIGITS_PER_PAGE)} of ${total}`}
        </span>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <div className="digit-strip" role="group" aria-label="Test digits">
        {digits.map((d) => (
          <button
            key={d.index}
            type="button"
            aria-pressed={d.index === selected}
            className="digit-thumb"
            data-testid={`digit-thumb-${d.index}`}
            title={`Test digit ${d.index}: a ${d.label}`}
            onClick={() => onPick(d)}
          >
            <GrayImage width={28} height={28} pixels={d.pixels} />
          </button>
        ))}
      </div>
      <div className="row">
        <button
          type="button"
          disabled={page === 0}
          onClick={() => setPage((p) => p - 1)}
          data-testid="digit-prev-page"
        >
          ‹ Previous
        </button>
        <span className="muted small">
          page {page + 1} / {pages}
        </span>
        <button
          type="button"
          disabled={page + 1 >= pages}
          onClick={() => setPage((p) => p + 1)}
          data-testid="digit-next-page"
        >
          Next ›
        </button>
      </div>
    </div>
  );
}
