// Durations as the inputs write them (`500ms`, `5s`, `2m`) and as reports say them.

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/
const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const

/** `500ms`, `5s`, `2m` or a bare number of seconds, to milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim())
  if (!match) return undefined
  const unit = (match[2] ?? 's') as keyof typeof UNIT_MS
  return Math.round(Number(match[1]) * UNIT_MS[unit])
}

/** Formats milliseconds the way the inputs are written, e.g. `1.5s`, `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms % 60_000 === 0) return `${ms / 60_000}m`
  return `${Number((ms / 1000).toFixed(2))}s`
}
