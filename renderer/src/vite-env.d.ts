// Vite handles CSS imports (and other assets) in the renderer.
/// <reference types="vite/client" />
