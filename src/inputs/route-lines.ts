// The routes stream-path names, read from its lines.

import type { Route } from '../core/model.js'

const ROUTE_LINE = /^(?:([A-Za-z]+)\s+)?(\/\S*)(?:\s+(.+))?$/

/**
 * The routes stream-path names, one per line: `/path`, `METHOD /path`, and
 * optionally a JSON body after the path. Problems are given to `bad`, one per
 * line; `auto` or nothing names none.
 */
export function namedRoutes(
  text: string,
  defaultMethod: string,
  bad: (line: string, expected: string) => void
): Route[] {
  const lines = text
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l !== '')
  if (lines.length === 0 || (lines.length === 1 && /^auto$/i.test(lines[0] as string))) return []
  const routes: Route[] = []
  for (const line of lines) {
    const match = ROUTE_LINE.exec(line)
    if (!match) {
      bad(
        line,
        'a path that starts with "/", or "METHOD /path", optionally followed by a JSON body, one route per line'
      )
      continue
    }
    const body = match[3]
    if (body !== undefined) {
      try {
        JSON.parse(body)
      } catch {
        bad(line, `a JSON body after the path (${body} is not JSON)`)
        continue
      }
    }
    routes.push({
      method: (match[1] ?? defaultMethod).toUpperCase(),
      path: match[2] as string,
      ...(body !== undefined ? { body } : {}),
      found: 'named'
    })
  }
  return routes
}
