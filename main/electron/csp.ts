/**
 * The one Content-Security-Policy of the renderer: Electron sends it as a response header, the
 * browser-mode host sends it with connect-src extended to its WebSocket. Nothing but the app's own
 * scripts runs; images may be data:/blob: URLs (canvas exports); no plugins, frames or forms.
 */

/** The policy's directives, in order. */
const DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  // React and Pixi set inline styles; inline scripts stay forbidden.
  ['style-src', ["'self'", "'unsafe-inline'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  // Pixi may start workers from blob: URLs.
  ['worker-src', ["'self'", 'blob:']],
];

/**
 * The policy string; `connectSrc` adds sources to connect-src (the host passes its
 * `ws://127.0.0.1:<port>`). Sources with spaces or semicolons are refused: they would inject
 * directives.
 */
export function contentSecurityPolicy(options: { connectSrc?: readonly string[] } = {}): string {
  const extra = options.connectSrc ?? [];
  for (const source of extra) {
    if (source === '' || /[\s;,]/.test(source))
      throw new RangeError(
        `Expected a single CSP source for connectSrc but received ${JSON.stringify(source)}`,
      );
  }
  return DIRECTIVES.map(([name, sources]) =>
    [name, ...sources, ...(name === 'connect-src' ? extra : [])].join(' '),
  ).join('; ');
}

/** The policy Electron uses. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
