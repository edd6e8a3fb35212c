// The Electron shell's rules as pure functions: window options, CSP, navigation, permissions.
import { describe, expect, it, vi } from 'vitest';

import { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../../../main/electron/csp.js';
import { denyWindowOpen, isAllowedNavigation } from '../../../main/electron/navigation.js';
import { denyAllPermissions, type PermissionSession } from '../../../main/electron/permissions.js';
import { windowOptions } from '../../../main/electron/windowOptions.js';

describe('windowOptions', () => {
  it('isolates and sandboxes the renderer with the preload', () => {
    const { webPreferences } = windowOptions('/app/out/preload/index.cjs');
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('content security policy', () => {
  const directives = (csp: string) =>
    new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('allows only the app itself', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors'])
      expect(d.get(name), name).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
  });

  it('adds the host WebSocket to connect-src only, and refuses injected directives', () => {
    const d = directives(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:5123'] }));
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5123']);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(() => contentSecurityPolicy({ connectSrc: ["ws://x; script-src 'unsafe-inline'"] })).toThrow(
      RangeError,
    );
  });
});

describe('navigation', () => {
  const fileApp = 'file:///opt/convscope/out/renderer/index.html';
  const devApp = 'http://localhost:5173/';

  it('allows only the app page itself', () => {
    expect(isAllowedNavigation('file:///opt/convscope/out/renderer/index.html#/x', fileApp)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', fileApp)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', fileApp)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/some/route', devApp)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', devApp)).toBe(false);
    expect(isAllowedNavigation('http://localhost.evil.com:5173/', devApp)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', devApp)).toBe(false);
    expect(isAllowedNavigation('not a url', fileApp)).toBe(false);
  });

  it('never opens windows', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('denies every request and check', () => {
    let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
    });
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'openExternal',
    ]) {
      const callback = vi.fn();
      request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!({}, permission)).toBe(false);
    }
  });
});
