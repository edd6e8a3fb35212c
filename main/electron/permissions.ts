/**
 * The renderer needs no browser permission (camera, notifications, geolocation, clipboard read,
 * HID, ...): every request and every check is denied.
 */

/** The part of an Electron Session this needs (a fake in tests). */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** Installs handlers that deny every permission request and check on `session`. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
