import type { Culprit } from '../core/diagnosis.js'
// Markdown pieces the report is built from: fenced code a line cannot break
// out of, collapsed sections, inline code, links to the source, and the
// plain text of Markdown for the log and the terminal.

/** A fenced code block that the content cannot break out of. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${text}\n${fence}`
}

export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`
}

/** Inline code that survives backticks in the text. */
export function inlineCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``
}

/** Markdown inline code as plain text, for the log and the terminal. */
export function plainText(markdown: string): string {
  return markdown.replaceAll('`', '')
}

/** The source around a culprit, one row per line, with its number padded and the culprit's line marked. */
export function excerptRows(place: Culprit): { number: string; text: string; marked: boolean }[] {
  const excerpt = place.excerpt
  if (!excerpt) return []
  const width = String(excerpt.firstLine + excerpt.lines.length - 1).length
  return excerpt.lines.map((text, i) => {
    const number = excerpt.firstLine + i
    return { number: String(number).padStart(width), text, marked: number === place.line }
  })
}

export function placeLink(place: Culprit, links: ReportLinks): string {
  const url = links.source?.(place.path, place.line)
  const text = url ? `[\`${place.path}:${place.line}\`](${url})` : `\`${place.path}:${place.line}\``
  return `${text} in ${inlineCode(place.function)}`
}

export interface ReportLinks {
  /** the workflow run */
  run?: string
  /** the catalog entry of a pattern */
  pattern: (id: string) => string
  /** the culprit line at the commit; undefined when it cannot be linked */
  source?: (appRelativePath: string, line: number) => string | undefined
}
