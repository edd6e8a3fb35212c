/** A classifier's answer: one bar per class with its percentage, the most likely class marked. */

/** Props of ClassProbabilities. */
export interface ClassProbabilitiesProps {
  probabilities: number[];
  classes: string[] | null;
}

/** Percent with one decimal, '<0.1' for tiny non-zero values. */
export function percentText(p: number): string {
  const v = p * 100;
  if (v > 0 && v < 0.05) return '<0.1';
  return v.toFixed(1);
}

/** The bars. */
export function ClassProbabilities({ probabilities, classes }: ClassProbabilitiesProps) {
  const best = probabilities.reduce((b, p, i) => (p > probabilities[b] ? i : b), 0);
  return (
    <div
      className="class-probabilities"
      data-testid="class-probabilities"
      role="list"
      aria-label="Class probabilities"
    >
      {probabilities.map((p, i) => {
        const name = classes?.[i] ?? String(i);
        return (
          <div
            key={i}
            role="listitem"
            className={`prob-row${i === best ? ' best' : ''}`}
            data-testid={`class-prob-${i}`}
            data-probability={p}
            aria-label={`class ${name}: ${percentText(p)} %`}
          >
            <span className="prob-name">{name}</span>
            <span className="prob-track">
              <span className="prob-fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
            </span>
            <span className="prob-value">{percentText(p)} %</span>
          </div>
        );
      })}
    </div>
  );
}
