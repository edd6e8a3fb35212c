// The concepts lab's network instruments end to end in Chromium against the browser-mode host:
// feature shapes and receptive fields (3(a), 3(c)–(e)), circular padding and invariance (3(f)) and
// dropout each render, react to a control (mouse and keyboard), and export their figure as SVG.
// Screenshots of each at 1280x720 and 1920x1080 are kept in test-results/e2e.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './hostFixture.js';

async function openInstrument(page: Page, id: string) {
  await page.getByTestId('nav-lab').click();
  await page.getByTestId(`lab-nav-${id}`).click();
  await expect(page.getByTestId(`instrument-${id}`)).toBeVisible();
}

async function idle(page: Page, figure: string) {
  await expect(page.getByTestId(figure)).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
}

/** Screenshots at both window sizes; nothing may overflow the window horizontally. */
async function screenshots(page: Page, name: string, outputPath: (p: string) => string) {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(200);
    await page.screenshot({ path: outputPath(`${name}-${width}x${height}.png`) });
    // And scrolled to the end of the instrument (tables and charts below the fold).
    await page.locator('.lab-main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.screenshot({ path: outputPath(`${name}-${width}x${height}-end.png`) });
    await page.locator('.lab-main').evaluate((el) => el.scrollTo(0, 0));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Clicks the instrument's Export SVG and returns the downloaded file's text. */
async function exportSvg(page: Page, id: string, outputPath: (p: string) => string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByTestId(`instrument-${id}`).getByTestId('export-svg').click();
  const file = outputPath((await download).suggestedFilename());
  expect((await download).suggestedFilename()).toBe(`convscope-${id}.svg`);
  await (await download).saveAs(file);
  return readFile(file, 'utf8');
}

let pageErrors: string[] = [];

test.beforeEach(async ({ page, host }) => {
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(host.url);
  await expect(page.getByTestId('nav-lab')).toBeVisible();
});

test.afterEach(() => {
  // An uncaught error in the renderer fails the test that caused it.
  expect(pageErrors).toEqual([]);
});

test('shapes: the homework table, the receptive field of L stacked convs, a pool removed', async ({
  page,
}, info) => {
  await openInstrument(page, 'shapes');
  await expect(page.getByTestId('shapes-params-1')).toHaveText('3×3×1×10 + 10');
  await expect(page.getByTestId('shapes-params-3')).toHaveText('3×3×10×10 + 10');
  await expect(page.getByTestId('shapes-params-6')).toHaveText('7×7×10×3 + 3');
  await expect(page.getByTestId('shapes-act-4')).toHaveText('7×7×10');
  await expect(page.getByTestId('rf-closed-form')).toContainText('3·(3−1)+1 = 7');
  await expect(page.getByTestId('rf-architecture')).toContainText('layer 3: 7×7');
  // Removing the first pool (the default comparison) makes the next conv cost 4 times as much.
  await expect(page.getByTestId('shapes-ratio-3')).toHaveText('÷4');
  await expect(page.getByTestId('pool-effect-text')).toContainText('(3−1)·2 = 4');
  await screenshots(page, 'lab-shapes', (p) => info.outputPath(p));

  // Keyboard: L from 3 to 4; the picture gains a window and the formula follows.
  await page.getByTestId('rf-l').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('rf-l-value')).toHaveText('4');
  await expect(page.getByTestId('rf-closed-form')).toContainText('4·(3−1)+1 = 9');
  await expect(page.getByTestId('rf-architecture')).toContainText('layer 4: 9×9');
  await expect(page.getByTestId('window-4')).toBeVisible();

  // Editing the first conv's K to 5 changes its parameters (and its 'same' padding follows).
  await page.getByTestId('block-0-k').fill('5');
  await expect(page.getByTestId('shapes-params-1')).toHaveText('5×5×1×10 + 10');
  await expect(page.getByTestId('shapes-act-1')).toHaveText('28×28×10');

  // A network that does not fit together says where.
  await page.getByTestId('shapes-arch-text').fill('input 28x28x1, conv3-10, fc-3');
  await page.getByTestId('shapes-arch-apply').click();
  await expect(page.getByTestId('shapes-error')).toContainText("put 'flatten'");

  const svg = await exportSvg(page, 'shapes', (p) => info.outputPath(p));
  expect(svg).toContain('<svg');
  expect(svg).toContain('r = L(K−1)+1');
});

test('circular: 9×9 maps, x1..x4 and a drawn image with its shifts, measured', async ({ page }, info) => {
  await openInstrument(page, 'circular');
  await idle(page, 'circular-figure');
  await expect(page.getByTestId('shapes-circular')).toContainText('maps 9×9 → 10×10');
  await expect(page.getByTestId('shapes-circular-crop')).toContainText('each kept 8×8');
  // The homework's pairs match under circular padding; the drawn L shifted by (3, 2) does not,
  // while on the 8×8 torus it does.
  await expect(page.getByTestId('verdict-circular-0')).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId('verdict-circular-1')).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId('verdict-circular-2')).toHaveAttribute('data-match', 'false');
  await expect(page.getByTestId('verdict-circular-crop-2')).toHaveAttribute('data-match', 'true');
  await expect(page.getByTestId('wrap-measured')).toContainText('row 8 − row 0| = 0');
  await screenshots(page, 'lab-circular', (p) => info.outputPath(p));

  // No shift: the drawn image and its "shift" are the same image, identical vectors.
  await page.getByTestId('circular-dx').fill('0');
  await page.getByTestId('circular-dy').fill('0');
  await idle(page, 'circular-figure');
  await expect(page.getByTestId('verdict-circular-2')).toContainText('0 (identical)');

  // Keyboard on the pad: Space toggles the focused pixel and the drawn image's GAP changes.
  const before = await page.getByTestId('gap-circular-4').textContent();
  await page.getByTestId('pixel-0-0').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('pixel-0-1')).toHaveAttribute('aria-pressed', 'true');
  await idle(page, 'circular-figure');
  await expect(page.getByTestId('gap-circular-4')).not.toHaveText(before ?? '');

  const svg = await exportSvg(page, 'circular', (p) => info.outputPath(p));
  expect(svg).toContain('<svg');
  expect(svg).toContain('GAP output');
});

test('dropout: a new pass draws a new mask; kept values are scaled by 1/(1 − p)', async ({ page }, info) => {
  await openInstrument(page, 'dropout');
  await idle(page, 'dropout-figure');
  await expect(page.getByTestId('dropout-scale')).toContainText('1/(1 − 0.5) = 2');
  await expect(page.getByTestId('dropout-measured')).toContainText('2 … 2');
  await expect(page.getByTestId('dropout-evaluation')).toContainText('max|y − x| = 0');
  await expect(page.getByTestId('dropout-backward')).toContainText('same mask in 64/64 cells');
  await screenshots(page, 'lab-dropout', (p) => info.outputPath(p));

  const mask = await page.getByTestId('dropout-mask').textContent();
  await page.getByTestId('dropout-new-pass').click();
  await expect(page.getByTestId('dropout-seed')).toHaveValue('2');
  await idle(page, 'dropout-figure');
  await expect(page.getByTestId('dropout-mask')).not.toHaveText(mask ?? '');

  // Keyboard: p from 0.5 to 0.75 (five steps of 0.05); the scale becomes 4.
  await page.getByTestId('dropout-p').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('dropout-p-value')).toHaveText('0.75');
  await idle(page, 'dropout-figure');
  await expect(page.getByTestId('dropout-scale')).toContainText('1/(1 − 0.75) = 4');

  const svg = await exportSvg(page, 'dropout', (p) => info.outputPath(p));
  expect(svg).toContain('<svg');
  expect(svg).toContain('mask m');
  // PNG too: the figure rasterised at twice its size.
  const download = page.waitForEvent('download');
  await page.getByTestId('instrument-dropout').getByTestId('export-png').click();
  expect((await download).suggestedFilename()).toBe('convscope-dropout.png');
  const png = await readFile(await (await download).path());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(2 * 680);
});
