// The concepts lab's convolution instruments end to end in Chromium against the browser-mode host
// (the kernel runs in the compute process): the FIR instrument shows the kernel's y equal to the
// closed form and follows L, the flip-and-drag products and the shift; a custom signal is drawn by
// keyboard and mouse; the 2-D instrument shows the homework's answers, follows stride and padding
// mode, steps through the cells with the right products; both export their figure as SVG.
// Screenshots at 1280x720 and 1920x1080 land in test-results/e2e.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { conv2d } from '../../native-kernels/reference/index.js';
import { HOMEWORK_CONV_CASES, HOMEWORK_H, HOMEWORK_X } from '../helpers/homeworkConvolution.js';
import { expect, test } from './hostFixture.js';

/** A number as the instruments print it (true minus sign, '—' for none). */
const parse = (text: string | null) => Number((text ?? '').replace('−', '-').trim());

/** y(n) of boxcar L with (1/2)^n u(n), written out independently of the app. */
const closed = (L: number, n: number) => (n < 0 ? 0 : n < L ? 2 - 0.5 ** n : 0.5 ** (n - L) - 0.5 ** n);

async function idle(page: Page, id: 'fir' | 'conv') {
  await expect(page.getByTestId(`${id}-state`)).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
}

async function open(page: Page, url: string, instrument: 'fir' | 'conv2d') {
  await page.goto(url);
  await page.getByTestId('nav-lab').click();
  await page.getByTestId(`lab-nav-${instrument}`).click();
  await expect(page.getByTestId(`instrument-${instrument}`)).toBeVisible();
}

async function shot(page: Page, path: string) {
  await page.screenshot({ path });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe('FIR filter (2(a), 2(b))', () => {
  test.beforeEach(async ({ page, host }) => {
    await open(page, host.url, 'fir');
    await idle(page, 'fir');
  });

  test('y from the kernel equals the closed form and follows L; screenshots', async ({ page }, info) => {
    for (let n = -6; n <= 12; n++) {
      expect(parse(await page.getByTestId(`fir-y-${n}`).textContent())).toBeCloseTo(closed(7, n), 5);
      expect(parse(await page.getByTestId(`fir-closed-${n}`).textContent())).toBeCloseTo(closed(7, n), 6);
    }
    await expect(page.getByTestId('fir-comparison')).toHaveAttribute('data-agrees', 'true');
    await expect(page.getByTestId('fir-closed-text')).toContainText('(1/2)^(n−7) − (1/2)^n for n ≥ 7');
    await expect(page.getByTestId('fir-decay')).toContainText('It decays; it is not constant');
    await expect(page.getByTestId('fir-cut-note')).toContainText('n = 0..12');
    await shot(page, info.outputPath('fir-1280x720.png'));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(page, info.outputPath('fir-1920x1080.png'));

    await page.getByTestId('fir-x-length').fill('4');
    await idle(page, 'fir');
    await expect(page.getByTestId('fir-closed-text')).toContainText('2 − (1/2)^n for 0 ≤ n < 4');
    for (let n = -6; n <= 12; n++)
      expect(parse(await page.getByTestId(`fir-y-${n}`).textContent())).toBeCloseTo(closed(4, n), 5);

    // A longer window reaches past where (1/2)^n drops below float32's resolution: it says so.
    await page.getByTestId('fir-range-hi').fill('30');
    await idle(page, 'fir');
    await expect(page.getByTestId('fir-cut-note')).toContainText('n = 0..23');
    await expect(page.getByTestId('fir-comparison')).toHaveAttribute('data-agrees', 'true');
    expect(parse(await page.getByTestId('fir-y-30').textContent())).toBeCloseTo(closed(4, 30), 7);
    await page.getByTestId('fir-panel-y').scrollIntoViewIfNeeded();
    await shot(page, info.outputPath('fir-long-1280x720.png'));
  });

  test('flip and drag lists the products of y(n) and follows the keyboard', async ({ page }, info) => {
    await page.getByTestId('fir-view-flip').check();
    const slider = page.getByTestId('fir-n');
    await slider.fill('9');
    await expect(page.getByTestId('fir-flip-sum')).toContainText('y(9)');
    // y(9) = Σ_{k=0}^{6} (1/2)^(9−k): seven products.
    const rows = page.locator('[data-testid^="fir-term-"]');
    await expect(rows).toHaveCount(7);
    for (let k = 0; k <= 6; k++) {
      const cells = page.getByTestId(`fir-term-${k}`).locator('td');
      expect(parse(await cells.nth(3).textContent())).toBeCloseTo(0.5 ** (9 - k), 7);
    }
    const sumText = (await page.getByTestId('fir-flip-sum').locator('strong').textContent()) ?? '';
    expect(parse(sumText)).toBeCloseTo(closed(7, 9), 7);
    await shot(page, info.outputPath('fir-flip-1280x720.png'));
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('fir-flip-sum')).toContainText('y(8)');
    await expect(rows).toHaveCount(7);
    await page.keyboard.press('Home'); // n = −6: no overlap
    await expect(rows).toHaveCount(0);
  });

  test('shifting x by N shifts y by N', async ({ page }, info) => {
    await page.getByTestId('fir-view-shift').check();
    await page.getByTestId('fir-shift').fill('3');
    await idle(page, 'fir');
    for (let n = -6; n <= 12; n++)
      expect(parse(await page.getByTestId(`fir-y2-${n}`).textContent())).toBeCloseTo(closed(7, n - 3), 5);
    await expect(page.getByTestId('fir-shift-result')).toContainText('differ by at most 0 ');
    await shot(page, info.outputPath('fir-shift-1280x720.png'));
  });

  test('a custom x is drawn by keyboard and mouse, and y follows', async ({ page }, info) => {
    await page.getByTestId('fir-x-kind').selectOption('custom');
    await idle(page, 'fir');
    const before = parse(await page.getByTestId('fir-y-2').textContent());
    // The editable panel: one Tab stop; →→ to n = 2, ↑ adds 0.25 to x(2), so y(2) grows by 0.25·h(0).
    const panel = page.getByTestId('fir-panel-x-edit');
    await panel.focus();
    await expect(page.getByTestId('fir-panel-x-cursor')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await idle(page, 'fir');
    await expect(page.getByTestId('fir-y-2')).not.toHaveText(String(before));
    expect(parse(await page.getByTestId('fir-y-2').textContent())).toBeCloseTo(before + 0.25, 5);
    await shot(page, info.outputPath('fir-custom-1280x720.png'));
    // The mouse: press at n = −3 near the top of the panel draws a positive stem there.
    const stem = page.getByTestId('fir-panel-x').locator('g[data-n="-3"]').first();
    const box = (await stem.boundingBox())!;
    const area = (await panel.locator('rect').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, area.y + area.height * 0.2);
    await page.mouse.down();
    await page.mouse.up();
    await idle(page, 'fir');
    const v = Number(await stem.getAttribute('data-v'));
    expect(v).toBeGreaterThan(0.5);
    // y(−3) = x(−3)·h(0): the kernel saw it.
    expect(parse(await page.getByTestId('fir-y--3').textContent())).toBeCloseTo(v, 5);
  });

  test('exports the figure as SVG', async ({ page }, info) => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-svg').click();
    expect((await download).suggestedFilename()).toBe('convscope-fir.svg');
    const file = info.outputPath('convscope-fir.svg');
    await (await download).saveAs(file);
    const svg = await readFile(file, 'utf8');
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('data-series="closed form"');
    expect(svg).toContain('font-family="sans-serif"');
    const png = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    expect((await png).suggestedFilename()).toBe('convscope-fir.png');
    const pngFile = info.outputPath('convscope-fir.png');
    await (await png).saveAs(pngFile);
    expect((await readFile(pngFile)).subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  });
});

test.describe('2-D convolution (2(c), 2(d))', () => {
  test.beforeEach(async ({ page, host }) => {
    await open(page, host.url, 'conv2d');
    await idle(page, 'conv');
  });

  const outputOf = async (page: Page, rows: number, cols: number) => {
    const out: number[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: number[] = [];
      for (let c = 0; c < cols; c++)
        row.push(parse(await page.getByTestId(`conv-out-${r}-${c}`).textContent()));
      out.push(row);
    }
    return out;
  };

  test('shows the homework answers, follows stride and padding mode; screenshots', async ({ page }, info) => {
    const pad1 = HOMEWORK_CONV_CASES.find((c) => c.options.padding === 1 && c.options.stride === 1)!;
    const stride2 = HOMEWORK_CONV_CASES.find((c) => c.options.stride === 2)!;
    expect(await outputOf(page, 5, 5)).toEqual(pad1.expected);
    await expect(page.getByTestId('conv-formula-h')).toContainText('= floor(4/1) + 1 = 4 + 1 = 5');
    await shot(page, info.outputPath('conv2d-1280x720.png'));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(page, info.outputPath('conv2d-1920x1080.png'));
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.getByTestId('conv-stride').fill('2');
    await idle(page, 'conv');
    await expect(page.getByTestId('conv-out-3-0')).toHaveCount(0);
    expect(await outputOf(page, 3, 3)).toEqual(stride2.expected);
    await expect(page.getByTestId('conv-formula-w')).toContainText(
      'floor((5 + 2·1 − 1·(3−1) − 1)/2) + 1 = floor(4/2) + 1 = 2 + 1 = 3',
    );

    // Circular padding and correlation: the numbers are the reference kernel's.
    await page.getByTestId('conv-mode').selectOption('circular');
    await page.getByTestId('conv-op-correlation').check();
    await idle(page, 'conv');
    const ref = conv2d(
      { data: Float64Array.from(HOMEWORK_X), shape: [1, 1, 5, 5] },
      { data: Float64Array.from(HOMEWORK_H), shape: [1, 1, 3, 3] },
      null,
      {
        stride: 2,
        padding: 1,
        paddingMode: 'circular',
      },
    );
    const expected = [0, 1, 2].map((r) => [0, 1, 2].map((c) => ref.data[r * 3 + c]));
    expect(await outputOf(page, 3, 3)).toEqual(expected);
    await shot(page, info.outputPath('conv2d-circular-1280x720.png'));
  });

  test('steps through the cells with the window’s products (buttons and arrow keys)', async ({
    page,
  }, info) => {
    const x = (r: number, c: number) => (r < 0 || r > 4 || c < 0 || c > 4 ? 0 : HOMEWORK_X[5 * r + c]);
    // Convolution rotates h: applied[i][j] = h[2 − i][2 − j].
    const applied = (i: number, j: number) => HOMEWORK_H[3 * (2 - i) + (2 - j)];
    const check = async (r: number, c: number) => {
      await expect(page.getByTestId('conv-cell')).toHaveText(`y[${r}, ${c}]`);
      let sum = 0;
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          const p = applied(i, j) * x(r - 1 + i, c - 1 + j);
          sum += p;
          // + 0: the figure prints −0 as 0.
          expect(parse(await page.getByTestId(`conv-product-${i}-${j}`).textContent())).toBe(p + 0);
        }
      expect(parse(await page.getByTestId('conv-sum').textContent())).toBe(sum);
      expect(parse(await page.getByTestId('conv-kernel-value').textContent())).toBe(sum);
    };
    await check(0, 0);
    await page.getByTestId('conv-next').click();
    await page.getByTestId('conv-next').click();
    await check(0, 2);
    await page.getByTestId('conv-output').focus();
    await expect(page.getByTestId('conv-output-focus')).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await check(2, 3);
    await page.keyboard.press('End');
    await check(4, 4);
    await shot(page, info.outputPath('conv2d-step-1280x720.png'));
    await page.getByTestId('conv-prev').click();
    await check(4, 3);
  });

  test('a refused setting shows the kernel library’s reason; editing x and dilation update y', async ({
    page,
  }, info) => {
    // Reflect padding must be smaller than the input: a 1-row x with padding 1 is refused.
    await page.getByTestId('conv-x-rows').fill('1');
    await page.getByTestId('conv-mode').selectOption('reflect');
    await expect(page.getByTestId('conv-error')).toContainText('reflect padding smaller than the input');
    await expect(page.getByTestId('conv-figure')).toHaveCount(0);
    await page.getByTestId('conv-x-reset').click();
    await page.getByTestId('conv-mode').selectOption('zeros');
    await idle(page, 'conv');
    // x[0][0] from 1 to 11: it sits under tap (0, 0) of y[1, 1]'s window, where the rotated h is
    // h[2][2] = 1, so y[1, 1] grows by 10.
    const before = parse(await page.getByTestId('conv-out-1-1').textContent());
    await page.getByTestId('conv-x-0-0').fill('11');
    await idle(page, 'conv');
    await expect(page.getByTestId('conv-out-1-1')).toHaveText(String(before + 10).replace('-', '−'));

    // Dilation 2 with reflect padding 2: the kernel's output is the reference kernel's, the shape
    // formula agrees, and a middle cell's products still sum to it.
    await page.getByTestId('conv-x-reset').click();
    await page.getByTestId('conv-dilation').fill('2');
    await page.getByTestId('conv-padding').fill('2');
    await page.getByTestId('conv-mode').selectOption('reflect');
    await idle(page, 'conv');
    const ref = conv2d(
      { data: Float64Array.from(HOMEWORK_X), shape: [1, 1, 5, 5] },
      { data: Float64Array.from(HOMEWORK_H), shape: [1, 1, 3, 3] },
      null,
      { padding: 2, dilation: 2, paddingMode: 'reflect', flip: true },
    );
    expect(ref.shape).toEqual([1, 1, 5, 5]);
    await expect(page.getByTestId('conv-formula-h')).toContainText(
      'floor((5 + 2·2 − 2·(3−1) − 1)/1) + 1 = floor(4/1) + 1 = 4 + 1 = 5',
    );
    for (let i = 0; i < 25; i++)
      expect(parse(await page.getByTestId(`conv-out-${Math.floor(i / 5)}-${i % 5}`).textContent())).toBe(
        ref.data[i] + 0,
      );
    await page.getByTestId('conv-out-2-1').click();
    await expect(page.getByTestId('conv-cell')).toHaveText('y[2, 1]');
    expect(parse(await page.getByTestId('conv-sum').textContent())).toBe(ref.data[11] + 0);
    await shot(page, info.outputPath('conv2d-dilated-1280x720.png'));
  });

  test('exports the figure as SVG', async ({ page }, info) => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-svg').click();
    expect((await download).suggestedFilename()).toBe('convscope-conv2d.svg');
    const file = info.outputPath('convscope-conv2d.svg');
    await (await download).saveAs(file);
    const svg = await readFile(file, 'utf8');
    expect(svg).toContain('data-testid="conv-window"');
    expect(svg).toContain('−19');
  });
});
