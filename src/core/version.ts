// The version that made a report: package.json's, bundled at build time
// (a release bumps it and rebuilds dist/, so the two always agree).

import manifest from '../../package.json' with { type: 'json' }

export const VERSION: string = manifest.version
