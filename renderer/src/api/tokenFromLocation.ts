/** The host's token from the page URL (`http://127.0.0.1:<port>/<token>/…`), or null without one. */
export function tokenFromLocation(pathname: string): string | null {
  const first = pathname.split('/')[1] ?? '';
  return /^[A-Za-z0-9_-]{43}$/.test(first) ? first : null;
}
