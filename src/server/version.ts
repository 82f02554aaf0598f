import pkg from '../../package.json' with { type: 'json' };

/** The app version, reported by `GET /health` so support can see what a department runs. */
export const SERVER_VERSION: string = pkg.version;
