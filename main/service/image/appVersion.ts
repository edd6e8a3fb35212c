import packageJson from '../../../package.json' with { type: 'json' };

/** The app's version from package.json; imported (not read at run time) so bundling keeps it. */
export const appVersion: string = packageJson.version;
