// The concepts lab's batch-norm instruments end to end in Chromium against the browser-mode host
// (its compute process runs the kernels): each renders, answers its controls with the computed
// numbers (checked here against independent arithmetic), and exports its figure as an SVG
// download. Screenshots at 1280x720 and 1920x1080 are kept in test-results/e2e.
import { readFile } from 'node:fs/promises';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './hostFixture.js';

/** A number as the lab prints it (true minus sign, 'e' notation). */
const num = (text: string | null) => parseFloat((text ?? '').trim().replace(/−/g, '-'));

async function numberIn(locator: Locator) {
  await expect(locator).toHaveText(/^\s*[−\d]/, { timeout: 20_000 });
  return num(await locator.textContent());
}

async function openInstrument(page: Page, id: string) {
  await page.getByTestId('nav-lab').click();
  await page.getByTestId(`lab-nav-${id}`).click();
  const instrument = page.getByTestId(`instrument-${id}`);
  await expect(instrument).toBeVisible();
  return instrument;
}

async function idle(page: Page, statusId: string) {
  await expect(page.getByTestId(statusId)).toHaveText('', { timeout: 20_000 });
}

async function screenshots(page: Page, info: TestInfo, id: string, name = id) {
  await page.screenshot({ path: info.outputPath(`${name}-1280x720.png`) });
  // The read-out under the figure, scrolled into view.
  await page.getByTestId(`instrument-${id}`).locator('table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath(`${name}-readout-1280x720.png`) });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: info.outputPath(`${name}-1920x1080.png`) });
  // Nothing overflows the window horizontally.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Clicks Export SVG and returns the downloaded file's text. */
async function exportSvg(page: Page, info: TestInfo, id: string) {
  const download = page.waitForEvent('download');
  await page.getByTestId(`instrument-${id}`).getByTestId('export-svg').click();
  expect((await download).suggestedFilename()).toBe(`convscope-${id}.svg`);
  const file = info.outputPath((await download).suggestedFilename());
  await (await download).saveAs(file);
  const text = await readFile(file, 'utf8');
  expect(text).toContain('<svg');
  expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
  return text;
}

test.beforeEach(async ({ page, host }) => {
  await page.goto(host.url);
});

test('bn-1d: after batch norm the sample has mean β and variance γ²σ²/(σ²+ε); sliders move it', async ({
  page,
}, info) => {
  await openInstrument(page, 'bn-1d');
  await idle(page, 'bn1d-status');
  const readout = page.getByTestId('bn1d-readout');
  await expect(readout).toBeVisible();
  // The homework's defaults: N(1.5, 0.16) → N(3, 1).
  await expect(page.getByTestId('bn1d-beta-mark')).toHaveText('β = 3');
  expect(await numberIn(page.getByTestId('bn1d-after-mean'))).toBeCloseTo(3, 4);
  const variance = await numberIn(page.getByTestId('bn1d-before-var'));
  expect(await numberIn(page.getByTestId('bn1d-after-var'))).toBeCloseTo(variance / (variance + 1e-5), 4);
  await screenshots(page, info, 'bn-1d');

  // β by keyboard: five steps of 0.1 to the right; the mark and the kernel's output mean follow.
  const betaSlider = page.getByTestId('bn1d-beta');
  await betaSlider.focus();
  for (let i = 0; i < 5; i++) await betaSlider.press('ArrowRight');
  await expect(page.getByTestId('bn1d-beta-mark')).toHaveText('β = 3.5');
  await idle(page, 'bn1d-status');
  await expect
    .poll(async () => num(await page.getByTestId('bn1d-after-mean').textContent()))
    .toBeCloseTo(3.5, 4);
  // Visible focus: the app's focus ring on the keyboard-focused slider.
  await page.getByTestId('bn1d-sigma2').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(betaSlider).not.toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');

  // γ = 2 (ten steps up): the output variance becomes 4 σ²/(σ²+ε).
  const gammaSlider = page.getByTestId('bn1d-gamma');
  await gammaSlider.focus();
  for (let i = 0; i < 10; i++) await gammaSlider.press('ArrowRight');
  await expect(page.getByTestId('bn1d-gamma-value')).toHaveText('2');
  await idle(page, 'bn1d-status');
  await expect
    .poll(async () => num(await page.getByTestId('bn1d-after-var').textContent()))
    .toBeCloseTo((4 * variance) / (variance + 1e-5), 3);

  // Batch size 32 → 4: the closed form σ/√m = 0.4/2 = 0.2 and the measured spread near it.
  const batch = page.getByTestId('bn1d-batch');
  await batch.focus();
  for (let i = 0; i < 3; i++) await batch.press('ArrowLeft');
  await expect(page.getByTestId('bn1d-batch-value')).toHaveText('4');
  await expect(page.getByTestId('bn1d-meansd-closed')).toHaveText('0.2');
  await idle(page, 'bn1d-status');
  const spread = await numberIn(page.getByTestId('bn1d-meansd'));
  expect(Math.abs(spread / 0.2 - 1)).toBeLessThan(0.15);
  // The biased batch variance averages (m − 1)/m σ² = 0.12 for m = 4.
  await expect(page.getByTestId('bn1d-varmean-closed')).toHaveText('0.12');

  const svg = await exportSvg(page, info, 'bn-1d');
  expect(svg).toContain('β = 3.5');
  // PNG too: a download that starts with the PNG signature.
  const png = page.waitForEvent('download');
  await page.getByTestId('instrument-bn-1d').getByTestId('export-png').click();
  expect((await png).suggestedFilename()).toBe('convscope-bn-1d.png');
  const pngFile = info.outputPath('convscope-bn-1d.png');
  await (await png).saveAs(pngFile);
  expect((await readFile(pngFile)).subarray(1, 4).toString('latin1')).toBe('PNG');
});

test('bn-2d: per-feature batch norm keeps the correlation; ρ moves the after-covariance', async ({
  page,
}, info) => {
  await openInstrument(page, 'bn-2d');
  await idle(page, 'bn2d-status');
  const before = await numberIn(page.getByTestId('bn2d-before-rho'));
  const after = await numberIn(page.getByTestId('bn2d-after-rho'));
  expect(after).toBeCloseTo(before, 4);
  expect(Math.abs(after - 0.6)).toBeLessThan(0.06);
  // Major axis after: 45° for ρ > 0 (the correlation matrix's eigenvector), before: ½ atan2(2ρσ₁σ₂, σ₁² − σ₂²).
  await expect(page.getByTestId('bn2d-angle-after')).toHaveText('45°');
  const beforeAngle = (0.5 * Math.atan2(2 * 0.6 * 1.5 * 0.6, 1.5 ** 2 - 0.6 ** 2) * 180) / Math.PI;
  expect(await numberIn(page.getByTestId('bn2d-angle-before'))).toBeCloseTo(beforeAngle, 2);
  await screenshots(page, info, 'bn-2d');

  // ρ from 0.6 to −0.4 (twenty steps of 0.05): the after-covariance and the axes turn.
  const rho = page.getByTestId('bn2d-rho');
  await rho.focus();
  for (let i = 0; i < 20; i++) await rho.press('ArrowLeft');
  await expect(page.getByTestId('bn2d-rho-value')).toHaveText('−0.4');
  await expect(page.getByTestId('bn2d-after-title')).toContainText("Σ' = [[1, −0.4], [−0.4, 1]]");
  await expect(page.getByTestId('bn2d-angle-after')).toHaveText('−45°');
  await idle(page, 'bn2d-status');
  await expect
    .poll(async () => num(await page.getByTestId('bn2d-after-rho').textContent()))
    .toBeLessThan(-0.3);
  const before2 = await numberIn(page.getByTestId('bn2d-before-rho'));
  expect(await numberIn(page.getByTestId('bn2d-after-rho'))).toBeCloseTo(before2, 4);
  await screenshots(page, info, 'bn-2d', 'bn-2d-negative');

  const svg = await exportSvg(page, info, 'bn-2d');
  expect(svg).toContain('−0.4');
});

/** dX of L = Σ dY·Y by central differences of the forward pass, in plain double arithmetic. */
function finiteDifferenceDx(x: number[], dy: number[], gamma: number, eps = 1e-5) {
  const loss = (v: number[]) => {
    const m = v.length;
    const mean = v.reduce((a, b) => a + b, 0) / m;
    const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / m;
    return v.reduce((a, e, i) => a + dy[i] * gamma * ((e - mean) / Math.sqrt(variance + eps)), 0);
  };
  const h = 1e-5;
  return x.map((_, i) => {
    const plus = x.map((e, j) => (j === i ? e + h : e));
    const minus = x.map((e, j) => (j === i ? e - h : e));
    return (loss(plus) - loss(minus)) / (2 * h);
  });
}

test("bn-graph: the kernel's dX equals the closed form and a finite difference; editing X updates it", async ({
  page,
}, info) => {
  await openInstrument(page, 'bn-graph');
  await idle(page, 'bngraph-status');
  const check = async (x: number[], dy: number[]) => {
    const want = finiteDifferenceDx(x, dy, 1);
    for (let i = 0; i < x.length; i++) {
      await expect
        .poll(async () => num(await page.getByTestId(`bngraph-dx-kernel-${i}`).textContent()))
        .toBeCloseTo(want[i], 4);
      expect(await numberIn(page.getByTestId(`bngraph-dx-closed-${i}`))).toBeCloseTo(want[i], 5);
    }
  };
  // The default batch [1, 2, 3, 6] with dY = [1, 0, 0, 0]: μ = 3 and σ² = 3.5 in the graph's boxes.
  await expect(page.getByTestId('bn-graph-node-mu')).toContainText('3');
  await expect(page.getByTestId('bn-graph-node-var')).toContainText('3.5');
  await check([1, 2, 3, 6], [1, 0, 0, 0]);
  await expect(page.getByTestId('bngraph-footer')).toContainText('max |closed − kernel|');
  await screenshots(page, info, 'bn-graph');

  // X₄ = 10 and dY₂ = −2, typed: σ² becomes 12.5 and dX follows.
  await page.getByTestId('bngraph-x-3').fill('10');
  await page.getByTestId('bngraph-dy-1').fill('-2');
  await expect(page.getByTestId('bn-graph-node-var')).toContainText('12.5');
  await idle(page, 'bngraph-status');
  await check([1, 2, 3, 10], [1, -2, 0, 0]);

  const svg = await exportSvg(page, info, 'bn-graph');
  expect(svg).toContain('12.5');
});
