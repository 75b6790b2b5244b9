// Stands in for `undici` in dist/index.js (tsconfig.json "paths"; ncc honours
// it). @actions/core and @actions/http-client import undici as they load, for
// an OIDC client and a proxy agent that nothing uses before a run talks to
// GitHub, and reading undici's 900 kB took about 50 ms of every start-up.
// The real undici travels in the GitHub client's chunk, which hands it over
// here (./undici.ts), so a run that posts nothing never reads it.

import type * as Undici from 'undici/index.js'

let loaded: typeof Undici | undefined

/** Called once, by ./undici.ts, as the GitHub client's chunk loads. */
export function provideUndici(undici: typeof Undici): void {
  loaded = undici
}

function undici(): typeof Undici {
  if (!loaded) throw new Error('undici was used before the GitHub client loaded it (see src/github/undici.ts)')
  return loaded
}

// `new ProxyAgent(...)` returns the real agent: a function called with `new`
// that returns an object gives that object, so undici sees its own class
export const ProxyAgent = function (...args: ConstructorParameters<typeof Undici.ProxyAgent>) {
  return new (undici().ProxyAgent)(...args)
} as unknown as typeof Undici.ProxyAgent

export const fetch: typeof Undici.fetch = (...args) => undici().fetch(...args)
