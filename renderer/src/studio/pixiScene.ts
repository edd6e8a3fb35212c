/**
 * The viewer's Pixi scene in two layers, after excalidraw's StaticCanvas: a static layer (the before
 * and after images, each clipped to its pane) redrawn only when the pixels, the view or the layout
 * change, and an interactive overlay (hover outline, split line) redrawn on every pointer move
 * without touching the images.
 */
import { BufferImageSource, Container, Graphics, Sprite, Texture, type Application } from 'pixi.js';

import type { PaneClip, PaneLayout } from './paneLayout.js';
import type { PlacedPixels } from './placedPixels.js';
import type { Size, View } from './viewTransform.js';

/** One image's objects: clip mask, world transform (the view) and the sprite with its pixels. */
interface ImageLayer {
  clip: Container;
  mask: Graphics;
  world: Container;
  sprite: Sprite;
  shown: PlacedPixels | null;
}

/** The scene's objects. */
export interface StudioScene {
  app: Application;
  before: ImageLayer;
  after: ImageLayer;
  overlay: Graphics;
}

/** What the static layer shows. */
export interface StaticInput {
  canvas: Size;
  layout: PaneLayout;
  view: View;
  before: PlacedPixels | null;
  after: PlacedPixels | null;
}

/** What the overlay shows. */
export interface OverlayInput {
  canvas: Size;
  layout: PaneLayout;
  view: View;
  mode: 'split' | 'side-by-side';
  /** The image pixel under the cursor. */
  hover: { x: number; y: number } | null;
}

function createLayer(stage: Container): ImageLayer {
  const clip = new Container();
  const mask = new Graphics();
  const world = new Container();
  const sprite = new Sprite();
  world.addChild(sprite);
  clip.addChild(world);
  clip.addChild(mask);
  clip.mask = mask;
  stage.addChild(clip);
  return { clip, mask, world, sprite, shown: null };
}

/** Builds the scene on an initialised application. */
export function createStudioScene(app: Application): StudioScene {
  const before = createLayer(app.stage);
  const after = createLayer(app.stage);
  const overlay = new Graphics();
  app.stage.addChild(overlay);
  return { app, before, after, overlay };
}

/** A nearest-neighbour texture of RGBA8 pixels (rgba8unorm: Pixi reads 8-bit arrays as BGRA otherwise). */
function textureOf(placed: PlacedPixels): Texture {
  const { width, height, rgba } = placed.pixels;
  const source = new BufferImageSource({
    resource: rgba,
    width,
    height,
    format: 'rgba8unorm',
    scaleMode: 'nearest',
  });
  return new Texture({ source });
}

function updateLayer(
  layer: ImageLayer,
  clip: PaneClip,
  canvas: Size,
  view: View,
  placed: PlacedPixels | null,
): void {
  layer.mask.clear().rect(clip.clipX, 0, clip.clipWidth, canvas.height).fill(0xffffff);
  layer.world.position.set(clip.originX + view.x, view.y);
  layer.world.scale.set(view.zoom);
  if (placed !== layer.shown) {
    const old = layer.sprite.texture;
    layer.sprite.texture = placed === null ? Texture.EMPTY : textureOf(placed);
    if (old !== Texture.EMPTY) old.destroy(true);
    layer.shown = placed;
  }
  layer.sprite.visible = placed !== null;
  if (placed !== null) {
    layer.sprite.position.set(placed.region.x, placed.region.y);
    layer.sprite.width = placed.region.width;
    layer.sprite.height = placed.region.height;
  }
}

/** Redraws the static layer (only textures whose pixels changed are re-uploaded). */
export function drawStaticLayer(scene: StudioScene, input: StaticInput): void {
  updateLayer(scene.before, input.layout.before, input.canvas, input.view, input.before);
  updateLayer(scene.after, input.layout.after, input.canvas, input.view, input.after);
}

/** Redraws the overlay: the hovered pixel outlined in each pane, and the split line. */
export function drawOverlay(scene: StudioScene, input: OverlayInput): void {
  const g = scene.overlay.clear();
  const { layout, view, canvas, hover } = input;
  if (input.mode === 'split') {
    g.moveTo(layout.after.clipX + 0.5, 0)
      .lineTo(layout.after.clipX + 0.5, canvas.height)
      .stroke({ width: 1, color: 0xffffff, alpha: 0.8 });
  }
  if (hover === null) return;
  const origins = input.mode === 'split' ? [0] : [layout.before.originX, layout.after.originX];
  const size = Math.max(view.zoom, 3);
  for (const origin of origins) {
    const x = origin + view.x + hover.x * view.zoom - (size - view.zoom) / 2;
    const y = view.y + hover.y * view.zoom - (size - view.zoom) / 2;
    // Dark outside, light inside: visible on any image.
    g.rect(x - 1, y - 1, size + 2, size + 2).stroke({ width: 1, color: 0x000000 });
    g.rect(x, y, size, size).stroke({ width: 1, color: 0xffd400 });
  }
}

/** Frees the textures (the application is destroyed by its owner). */
export function destroyStudioScene(scene: StudioScene): void {
  for (const layer of [scene.before, scene.after]) {
    if (layer.sprite.texture !== Texture.EMPTY) layer.sprite.texture.destroy(true);
    layer.sprite.texture = Texture.EMPTY;
  }
}
