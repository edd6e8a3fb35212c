// The Network Explorer and the training panel end to end in Chromium against the browser-mode host:
// the explorer opens on the built-in network and the first test digit; the keys step through every
// layer; a hovered unit's receptive field drawn on the input equals the kernel library's, computed
// here from the architecture; the effective receptive field stays inside it; the class
// probabilities sum to 100 %; a stroke on the drawing pad changes the run; the layer table's
// totals are the homework's; a corrupt model file shows an error while the explorer keeps working;
// a training run can be cancelled, and a finished one opens in the explorer. Screenshots of both
// screens at 1280x720 and 1920x1080 are kept in test-results/e2e.
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { layerTable, receptiveFieldOf, type Rect } from '../../native-kernels/architecture.js';
import { expect, test } from './hostFixture.js';

const SAMPLE = fileURLToPath(new URL('../../main/assets/sample/astronaut.png', import.meta.url));

/** The shipped network as the kernel library's architecture grammar writes it (same layer order). */
const HOMEWORK =
  'input 28x28x1, conv3-10/p1, bn, relu, pool2, conv3-10/p1, bn, relu, pool2, flatten, dropout0.3, fc-10';

/** The number of answered runs so far (the status line counts them). */
async function runCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('run-status').getAttribute('data-count'));
}

/** Waits until no run is in flight. */
async function idle(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
}

/** Steps with the keys until the stepper shows `name` (e.g. 'Conv conv2'); returns its index. */
async function stepTo(page: Page, name: string): Promise<number> {
  const label = page.getByTestId('layer-name');
  for (let i = 0; i < 20; i++) {
    const text = (await label.textContent()) ?? '';
    if (text.includes(name)) return Number(/^(\d+) \//.exec(text)![1]);
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`no layer ${name}`);
}

/** Moves the mouse to the centre of unit (y, x) of a map with `rows` × `cols` units. */
async function hoverUnit(map: Locator, rows: number, cols: number, y: number, x: number) {
  const box = (await map.boundingBox())!;
  await map
    .page()
    .mouse.move(box.x + ((x + 0.5) / cols) * box.width, box.y + ((y + 0.5) / rows) * box.height);
}

/** The rectangle the explorer drew on the input. */
async function drawnInputRect(page: Page): Promise<Rect> {
  const rect = page.getByTestId('rf-rect-input');
  const read = async (name: string) => Number(await rect.getAttribute(`data-${name}`));
  return {
    top: await read('top'),
    left: await read('left'),
    bottom: await read('bottom'),
    right: await read('right'),
  };
}

/** The RGBA pixels of the canvas inside a test id's element. */
async function canvasPixels(page: Page, testId: string) {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => ({
      width: c.width,
      height: c.height,
      data: Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data),
    }));
}

/** Each class's probability as the bars carry it. */
async function probabilities(page: Page): Promise<number[]> {
  const rows = page.getByTestId('class-probabilities').locator('[data-probability]');
  return rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-probability'))));
}

test.beforeEach(async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-explorer').click();
  await expect(page.getByTestId('layer-name')).toContainText('0 / ');
  await expect(page.getByTestId('activation-map-0')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('input-conversion')).toContainText('test digit 0');
  await idle(page);
});

test('opens on the built-in network and the first test digit; the keys step through every layer', async ({
  page,
}) => {
  await expect(page.getByTestId('model-picker')).toContainText('Homework CNN');
  const label = page.getByTestId('layer-name');
  const count = Number(/ \/ (\d+)/.exec((await label.textContent()) ?? '')![1]);
  expect(count).toBe(11);
  await expect(page.getByTestId('layer-prev')).toBeDisabled();
  const seen: string[] = [(await label.textContent()) ?? ''];
  for (let i = 1; i <= count; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : ']');
    await expect(label).toContainText(`${i} / ${count} · `);
    seen.push((await label.textContent()) ?? '');
    // Every layer shows pictures: a heatmap per channel, or the vector as a strip or bars.
    await expect(
      page.getByTestId('activation-map-0').or(page.getByTestId('activation-vector')),
    ).toBeVisible();
  }
  expect(seen[5]).toBe('5 / 11 · Conv conv2 · 1×10×14×14');
  expect(seen[11]).toContain('Gemm fc · 1×10');
  await expect(page.getByTestId('layer-next')).toBeDisabled();
  // The last layer's ten logits are bars, one per class.
  await expect(page.getByTestId('vector-unit-9')).toBeVisible();
  for (let i = count - 1; i >= 0; i--) {
    await page.keyboard.press(i % 2 === 0 ? 'ArrowLeft' : '[');
    await expect(label).toContainText(`${i} / ${count} · `);
  }
  // A conv layer's ten maps have their ranges printed, and its filters are drawn.
  await stepTo(page, 'Conv conv1');
  await expect(page.getByTestId('activation-map-9')).toBeVisible();
  await expect(page.getByTestId('activation-range-9')).toContainText('…');
  await expect(page.getByTestId('filter-9-0')).toBeVisible();
  // The scale modes switch between the sequential and the diverging key (conv outputs are signed).
  await expect(page.getByTestId('scale-legend')).toHaveAttribute('data-kind', 'diverging');
  await page.getByTestId('scale-mode').selectOption('map');
  await stepTo(page, 'Relu relu1');
  await expect(page.getByTestId('scale-legend')).toHaveAttribute('data-kind', 'sequential');
  await page.getByTestId('scale-mode').selectOption('global');
  await expect(page.getByTestId('scale-legend')).toHaveAttribute('data-kind', 'diverging');
});

test("a hovered unit's receptive field on the input is the kernel library's, clipped to 28×28", async ({
  page,
}) => {
  const table = layerTable(HOMEWORK);
  for (const [name, size, units] of [
    [
      'Conv conv2',
      14,
      [
        [0, 0],
        [7, 9],
        [13, 13],
        [0, 12],
      ],
    ],
    [
      'MaxPool pool2',
      7,
      [
        [0, 0],
        [3, 5],
        [6, 6],
      ],
    ],
  ] as const) {
    const index = await stepTo(page, name);
    expect(table.layers[index].name).toBe(name.startsWith('Conv') ? 'CONV3-10' : 'POOL2');
    for (const [y, x] of units) {
      await hoverUnit(page.getByTestId('activation-map-2'), size, size, y, x);
      const want = receptiveFieldOf(table, index, { row: y, col: x });
      await expect.poll(() => drawnInputRect(page)).toEqual(want.clipped);
      const side = table.layers[index].receptiveField.size;
      await expect(page.getByTestId('rf-size')).toContainText(`receptive field ${side}×${side} on the input`);
    }
  }
  // The pointer leaves: nothing is outlined any more.
  await page.mouse.move(0, 0);
  await expect(page.getByTestId('rf-rect-input')).toHaveCount(0);
  // From the keyboard: a focused map's arrows move a unit cursor (from the centre) instead of
  // stepping layers.
  await page.getByTestId('activation-map-2').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('layer-name')).toContainText('MaxPool pool2');
  const pool2 = table.layers.findIndex((l, i) => i > 5 && l.name === 'POOL2');
  await expect
    .poll(() => drawnInputRect(page))
    .toEqual(receptiveFieldOf(table, pool2, { row: 4, col: 4 }).clipped);
});

test('the effective receptive field of a pinned unit lies inside its receptive field', async ({ page }) => {
  const index = await stepTo(page, 'Relu relu2');
  await page.getByTestId('erf-toggle').check();
  // A unit on the digit's stroke (the most active one of channel 0), so its gradient is not zero.
  const values = await canvasPixels(page, 'activation-map-0');
  let brightest = 0;
  for (let i = 0; i < values.width * values.height; i++)
    if (
      values.data[i * 4] + values.data[i * 4 + 1] >
      values.data[brightest * 4] + values.data[brightest * 4 + 1]
    )
      brightest = i;
  const [y, x] = [Math.floor(brightest / values.width), brightest % values.width];
  const map = page.getByTestId('activation-map-0');
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + ((x + 0.5) / 14) * box.width, box.y + ((y + 0.5) / 14) * box.height);
  await page.mouse.move(0, 0); // pinned: the field stays without the pointer
  const want = receptiveFieldOf(layerTable(HOMEWORK), index, { row: y, col: x }).clipped!;
  await expect.poll(() => drawnInputRect(page)).toEqual(want);
  await expect(page.getByTestId('erf-stats')).toContainText('px ≠ 0', { timeout: 20_000 });
  const erf = await canvasPixels(page, 'erf-map');
  let inside = 0;
  for (let i = 0; i < erf.width * erf.height; i++) {
    const lit = erf.data[i * 4] + erf.data[i * 4 + 1] + erf.data[i * 4 + 2] > 12; // above inferno's black
    if (!lit) continue;
    const [py, px] = [Math.floor(i / erf.width), i % erf.width];
    expect(py >= want.top && py <= want.bottom && px >= want.left && px <= want.right).toBe(true);
    inside++;
  }
  expect(inside).toBeGreaterThan(0);

  // Stepping back to relu1, the pinned unit's field is outlined on every map there: pool1 then
  // conv2 lie between, so it is the field of a 14×14 pool2-conv3 stack on a 28×28 map.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('layer-name')).toContainText('Relu relu1');
  const between = layerTable('input 28x28x10, pool2, conv3-10/p1, bn, relu');
  const onRelu1 = receptiveFieldOf(between, 4, { row: y, col: x }).clipped!;
  for (const c of [0, 9]) {
    const rect = page.getByTestId(`activation-map-${c}`).locator('.rf-rect');
    const read = async (name: string) => Number(await rect.getAttribute(`data-${name}`));
    expect({
      top: await read('top'),
      left: await read('left'),
      bottom: await read('bottom'),
      right: await read('right'),
    }).toEqual(onRelu1);
  }
});

test('class probabilities sum to 100 % and name the digit', async ({ page }) => {
  const p = await probabilities(page);
  expect(p).toHaveLength(10);
  expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  // Test digit 0 is a 4 (the conversion says so) and the shipped network knows it.
  await expect(page.getByTestId('input-conversion')).toContainText('(a 4)');
  expect(p.indexOf(Math.max(...p))).toBe(4);
  const shown = await page.getByTestId('class-probabilities').locator('.prob-value').allTextContents();
  const percent = shown.map((t) => (t.startsWith('<') ? 0 : Number.parseFloat(t)));
  expect(Math.abs(percent.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(1);
  // Another digit from the browser, by class: its run replaces the first.
  await page.getByTestId('digit-class').selectOption('7');
  const first = page.locator('[data-testid^="digit-thumb-"]').first();
  await first.click();
  await expect(page.getByTestId('input-conversion')).toContainText('(a 7)');
  await idle(page);
  const q = await probabilities(page);
  expect(q.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  expect(q.indexOf(Math.max(...q))).toBe(7);
});

test('a stroke on the drawing pad updates the run', async ({ page }, info) => {
  await page.getByTestId('input-source-drawn').click();
  await expect(page.getByTestId('input-conversion')).toContainText('the drawn digit');
  await idle(page);
  const before = await runCount(page);
  const blank = await probabilities(page);
  const fedBlank = await canvasPixels(page, 'fed-input');
  expect(fedBlank.data.every((v, i) => i % 4 === 3 || v === 0)).toBe(true);

  const pad = (await page.getByTestId('draw-pad').boundingBox())!;
  const at = (fx: number, fy: number) => [pad.x + fx * pad.width, pad.y + fy * pad.height] as const;
  await page.mouse.move(...at(0.5, 0.2));
  await page.mouse.down();
  await page.mouse.move(...at(0.52, 0.5), { steps: 6 });
  await page.mouse.move(...at(0.5, 0.8), { steps: 6 });
  await page.mouse.up();

  await expect.poll(() => runCount(page)).toBeGreaterThan(before);
  await idle(page);
  // The fed tensor holds the stroke (white in its middle column), and the answer has changed.
  const fed = await canvasPixels(page, 'fed-input');
  const centre = (14 * 28 + 14) * 4;
  expect(fed.data[centre]).toBeGreaterThan(200);
  const drawn = await probabilities(page);
  expect(drawn.some((v, i) => Math.abs(v - blank[i]) > 1e-3)).toBe(true);
  expect(drawn.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  // A vertical stroke reads as a 1.
  expect(drawn.indexOf(Math.max(...drawn))).toBe(1);
  await page.screenshot({ path: info.outputPath('explorer-drawn-1280x720.png') });

  // Clear feeds the blank pad again.
  await page.getByTestId('draw-clear').click();
  await idle(page);
  await expect.poll(async () => (await probabilities(page))[1]).toBeCloseTo(blank[1], 5);
});

test('the drawing pad draws with the keyboard: arrows move the pen, Space lowers it', async ({
  page,
}, info) => {
  await page.getByTestId('input-source-drawn').click();
  await idle(page);
  const before = await runCount(page);
  const layer = await page.getByTestId('layer-name').textContent();
  await page.getByTestId('draw-pad').focus();
  await expect(page.getByTestId('draw-pen')).toHaveAttribute('data-down', 'false');
  // From the centre (14, 14): up 9 with the pen lifted, then down 18 drawing a vertical line.
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('draw-pen')).toHaveAttribute('data-down', 'true');
  for (let i = 0; i < 18; i++) await page.keyboard.press('ArrowDown');
  await page.screenshot({ path: info.outputPath('explorer-keyboard-pen-1280x720.png') });
  await page.keyboard.press(' ');
  await expect.poll(() => runCount(page)).toBeGreaterThan(before);
  await idle(page);
  // The arrows drew; they did not step the layers.
  expect(await page.getByTestId('layer-name').textContent()).toBe(layer);
  const fed = await canvasPixels(page, 'fed-input');
  for (const row of [6, 14, 22]) expect(fed.data[(row * 28 + 14) * 4]).toBeGreaterThan(200);
  expect(fed.data[(2 * 28 + 14) * 4]).toBe(0);
  const drawn = await probabilities(page);
  expect(drawn.indexOf(Math.max(...drawn))).toBe(1);
});

test("the layer table is the homework's table 3(e) for the loaded model", async ({ page }) => {
  const want = layerTable(HOMEWORK);
  const tableEl = page.getByTestId('layer-table');
  await expect(tableEl.locator('tbody tr')).toHaveCount(want.layers.length);
  const number = (t: string | null) => Number((t ?? '').replace(/\s/g, ''));
  expect(number(await page.getByTestId('total-parameters').textContent())).toBe(want.totals.parameters);
  expect(number(await page.getByTestId('total-macs').textContent())).toBe(want.totals.macs);
  await expect(page.getByTestId('layer-row-5')).toContainText('3×3×10×10 + 10');
  await expect(page.getByTestId('layer-row-8')).toContainText('10×10');
  // A row's name shows that layer.
  await page.getByTestId('layer-row-8').getByRole('button').click();
  await expect(page.getByTestId('layer-name')).toContainText('8 / 11 · MaxPool pool2');
});

test('a photo is centre-cropped and shown with its crop; a corrupt model file is an error, not a blank screen', async ({
  page,
}, info) => {
  await page.getByTestId('open-photo-input').setInputFiles(SAMPLE);
  await expect(page.getByTestId('photo-crop')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('input-conversion')).toContainText(/crop/i);
  await idle(page);
  expect((await probabilities(page)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  await page.screenshot({ path: info.outputPath('explorer-photo-1280x720.png') });

  await page.getByTestId('open-model-input').setInputFiles({
    name: 'broken.onnx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('not a model'),
  });
  await expect(page.getByTestId('explorer-error')).toContainText('broken.onnx');
  await page.screenshot({ path: info.outputPath('explorer-error-1280x720.png') });
  await expect(page.getByTestId('model-picker')).toContainText('Homework CNN');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('layer-name')).toContainText('1 / 11');
});

test('the model downloads as ONNX and as a weights file, which opens again as a model', async ({
  page,
}, info) => {
  const onnxDownload = page.waitForEvent('download');
  await page.getByTestId('export-onnx').click();
  const onnx = await onnxDownload;
  expect(onnx.suggestedFilename()).toMatch(/\.onnx$/);
  await expect(page.getByTestId('model-export-status')).toContainText('Downloaded');

  const weightsDownload = page.waitForEvent('download');
  await page.getByTestId('export-weights').click();
  const weights = await weightsDownload;
  expect(weights.suggestedFilename()).toMatch(/\.json$/);
  const file = info.outputPath(weights.suggestedFilename());
  await weights.saveAs(file);
  await page.getByTestId('open-model-input').setInputFiles(file);
  await expect(page.getByTestId('model-picker').locator('option:checked')).toContainText('weights file', {
    timeout: 20_000,
  });
  await idle(page);
  // The same weights give the same answer.
  const p = await probabilities(page);
  expect(p.indexOf(Math.max(...p))).toBe(4);
});

test('switching screens keeps the studio as it was; the tabs work from the keyboard', async ({ page }) => {
  await page.getByTestId('nav-studio').click();
  await page.getByTestId('preset-select').selectOption('sobel-x');
  await expect(page.getByTestId('kernel-cell-0-0')).toHaveValue('-1');
  await page.getByTestId('nav-explorer').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nav-explorer')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-training')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('train-start')).toBeVisible();
  await page.getByTestId('nav-studio').click();
  await expect(page.getByTestId('preset-select')).toHaveValue('sobel-x');
  await expect(page.getByTestId('kernel-cell-0-0')).toHaveValue('-1');
  await expect(page.getByTestId('image-name')).toContainText('astronaut.png');
});

test('training: a run can be cancelled; a finished run opens in the explorer', async ({ page }, info) => {
  test.setTimeout(180_000);
  await page.getByTestId('nav-training').click();
  // Small batches make an epoch long enough to cancel inside it.
  await page.getByTestId('train-batch').fill('8');
  await page.getByTestId('train-epochs').fill('2');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-state-1')).toHaveAttribute('data-state', 'running', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('train-progress-1')).toContainText('batch', { timeout: 20_000 });
  await page.getByTestId('train-cancel-1').click();
  await expect(page.getByTestId('train-state-1')).toHaveAttribute('data-state', 'cancelled', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('train-cancel-1')).toHaveCount(0);

  // One quick epoch that finishes: its curves are drawn and its model opens in the explorer.
  await page.getByTestId('train-batch').fill('64');
  await page.getByTestId('train-epochs').fill('1');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-state-2')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('train-best-2')).toContainText('Best: epoch 1');
  await expect(page.getByTestId('train-open-2')).toBeVisible({ timeout: 10_000 });
  const curves = page.getByTestId('train-curves-2');
  await expect(curves.locator('path[d^="M"]').first()).toBeVisible();
  await expect(curves).toContainText('validation');
  await expect(page.getByTestId('train-combined')).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: info.outputPath('training-1280x720.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: info.outputPath('training-1920x1080.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByTestId('train-open-2').click();
  await expect(page.getByTestId('nav-explorer')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('model-picker').locator('option:checked')).toContainText('Run');
  await expect(page.getByTestId('layer-name')).toContainText(' / ');
  await idle(page);
  expect((await probabilities(page)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
});

test('screenshots of the explorer at both window sizes', async ({ page }, info) => {
  await stepTo(page, 'Conv conv2');
  await page.getByTestId('erf-toggle').check();
  // Pin unit (3, 4) of channel 3: hover it, click where the pointer is.
  await hoverUnit(page.getByTestId('activation-map-3'), 14, 14, 3, 4);
  await page.mouse.down();
  await page.mouse.up();
  await expect(page.getByTestId('erf-map')).toBeVisible({ timeout: 20_000 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: info.outputPath('explorer-1280x720.png') });
  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: info.outputPath('explorer-1920x1080.png') });
  await stepTo(page, 'Gemm fc');
  await page.screenshot({ path: info.outputPath('explorer-fc-1920x1080.png') });
});
