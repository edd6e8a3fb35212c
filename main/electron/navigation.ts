/**
 * Where the window may go: only the app's own page (its file:// path in a build, the dev server's
 * origin under `electron-vite dev`). Links to anything else never load in the window, and new
 * windows are never opened.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True if `url` is the app itself: the same file as `appUrl`, or the same http(s) origin. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  const target = parse(url);
  const app = parse(appUrl);
  if (target === null || app === null) return false;
  if (app.protocol === 'file:')
    return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname;
  if (app.protocol === 'http:' || app.protocol === 'https:') return target.origin === app.origin;
  return false;
}

/** The window-open handler's answer: always deny (the app has one window). */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}
