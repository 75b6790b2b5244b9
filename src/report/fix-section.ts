// The fix as Markdown: each change with where it goes, before and after,
// what trying it showed, and the advice when no change is shown.

import { codeBlock, placeLink, plainText, type ReportLinks } from './markdown.js'
import type { FixChange, FixProposal, FixTrial } from '../core/diagnosis.js'

/** The lines of a change without the indentation they share, for reading. */
function dedented(lines: string[]): string {
  const indent = Math.min(...lines.filter(l => l.trim() !== '').map(l => l.length - l.trimStart().length))
  return lines.map(l => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n')
}

/** One change as Markdown: where, the summary, and the code before and after. */
function changeMarkdown(change: FixChange, links: ReportLinks, title: string): string[] {
  const [statement, ...others] = change.edits
  if (!statement) return []
  const place = placeLink(
    { path: change.where.path, line: change.where.line, function: change.where.function, absolutePath: '' },
    links
  )
  const parts = [
    `**${title}** in ${place}: ${change.summary}`,
    '',
    '**Before**',
    '',
    codeBlock(dedented(statement.before), 'python'),
    '',
    '**After**',
    '',
    codeBlock(dedented(statement.after), 'python')
  ]
  for (const edit of others) {
    if (edit.before.length === 0 && edit.after.length === 1 && /^import /.test(edit.after[0] as string)) {
      parts.push('', `and at the top of \`${edit.path}\`: \`${edit.after[0]}\``)
    } else {
      parts.push(
        '',
        `and in \`${edit.path}\` at line ${edit.firstLine}:`,
        '',
        codeBlock(dedented(edit.after), 'python')
      )
    }
  }
  return parts
}

/** What trying the change showed, in one line. */
export function verificationLine(verification: FixTrial, healthPath: string): string {
  if (verification.skipped) return `The change was not tried: ${verification.skipped}.`
  const probes = verification.probes === undefined ? '' : ` (${verification.probes} probes)`
  if (verification.verdict === 'healthy') {
    return `✅ **Tried:** the change was applied to a scratch copy of the app and the route checked again: \`${healthPath}\` then answered in ${Math.round(verification.slowestProbeMs ?? 0)} ms or less in every probe${probes}.`
  }
  const at = verification.culprit ? ` at \`${verification.culprit}\`` : ''
  const what = verification.pattern ? ` (\`${verification.pattern}\`)` : ''
  const why = verification.headline ? `: ${plainText(verification.headline)}` : '.'
  return `⚠️ **Tried:** the change was applied to a scratch copy of the app and the route checked again: still ${verification.verdict}${at}${what}. The change alone is not enough${why}`
}

/** The Fix section: the general advice, then the change built from the code (or why there is none), what trying it showed, the alternative. */
export function fixSection(
  fix: FixProposal,
  verification: FixTrial | undefined,
  links: ReportLinks,
  healthPath = '/health'
): string {
  const parts = [fix.advice]
  if (fix.primary) {
    parts.push('', ...changeMarkdown(fix.primary, links, 'The change'))
    if (verification) parts.push('', verificationLine(verification, healthPath))
    if (verification?.next) parts.push('', verification.next)
  } else if (fix.unknownShape) {
    parts.push('', `_No change is shown: ${fix.unknownShape}._`)
  }
  if (fix.alternative) parts.push('', ...changeMarkdown(fix.alternative, links, 'Or'))
  for (const note of fix.notes) parts.push('', note)
  return parts.join('\n')
}
