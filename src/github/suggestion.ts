// The fix as a one-click suggestion on the pull request's diff: a review
// comment holding a ```suggestion block on the lines to change, edited on
// later runs, moved when the fix moves, deleted once the run is healthy.

import { codeBlock } from '../report/markdown.js'
import type { GitHubPort, PostedReviewComment, PullRequestRef, ReportFacts } from './publish.js'
/** The primary fix as a change of the pull request's lines: repo-relative path, the lines it replaces, what replaces them. */
export interface Suggestion {
  path: string
  firstLine: number
  lastLine: number
  after: string[]
  /** said under the suggestion: an import to add elsewhere, what trying the change showed */
  notes: string[]
}

export interface SuggestionOutcome {
  action: 'created' | 'updated' | 'removed' | 'skipped'
  /** why nothing was posted, when nothing was */
  reason?: string
  url?: string
}

const SUGGESTION_MARKER = /<!-- backend-hang-debug:suggestion key="([\w.-]*)" -->/

/** The lines of the new file that a patch shows (added and context lines): where a review comment may go. */
export function linesInDiff(patch: string): Set<number> {
  const lines = new Set<number>()
  let next = 0
  for (const line of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line)
    if (hunk) {
      next = Number(hunk[1])
      continue
    }
    if (next === 0 || line.startsWith('-') || line.startsWith('\\')) continue
    lines.add(next++)
  }
  return lines
}

function suggestionBody(key: string, facts: Pick<ReportFacts, 'verdict' | 'pattern'>, suggestion: Suggestion): string {
  const icon = facts.verdict === 'stalled' ? '🟠' : '🛑'
  const what = facts.verdict === 'stalled' ? 'stalls the event loop' : 'blocks the event loop'
  return [
    `<!-- backend-hang-debug:suggestion key="${key}" -->`,
    `${icon} **backend-hang-debug:** this ${what}${facts.pattern ? ` (\`${facts.pattern}\`)` : ''}. The change that fixes it:`,
    '',
    codeBlock(suggestion.after.join('\n'), 'suggestion'),
    ...suggestion.notes.flatMap(note => ['', note])
  ].join('\n')
}

/**
 * Keeps one review comment with a suggestion on the line the fix changes, so
 * the author commits it with one click: created when the lines are part of
 * the pull request's diff, edited on later runs, moved when the fix moves,
 * and removed when the run is healthy (or when there is nothing to suggest).
 */
export async function publishSuggestion(
  port: GitHubPort,
  pullRequest: PullRequestRef,
  facts: Pick<ReportFacts, 'verdict' | 'pattern'>,
  suggestion: Suggestion | undefined,
  key: string
): Promise<SuggestionOutcome> {
  const identity = await port.identity()
  const ours = (await port.listReviewComments(pullRequest.number)).filter(c => {
    const byUs = identity === undefined ? c.author.bot : c.author.login === identity
    return byUs && SUGGESTION_MARKER.exec(c.body)?.[1] === key
  })
  const removeAll = async (keep?: PostedReviewComment): Promise<void> => {
    for (const comment of ours) if (comment !== keep) await port.deleteReviewComment(comment.id)
  }
  if (facts.verdict === 'healthy' || !suggestion) {
    await removeAll()
    if (ours.length > 0) return { action: 'removed' }
    return {
      action: 'skipped',
      reason:
        facts.verdict === 'healthy'
          ? 'nothing to suggest: the run is healthy'
          : 'the fix is not a change of one place the rewriter can make'
    }
  }
  const file = (await port.listPullRequestFiles(pullRequest.number)).find(f => f.filename === suggestion.path)
  const inDiff = file?.patch ? linesInDiff(file.patch) : new Set<number>()
  for (let line = suggestion.firstLine; line <= suggestion.lastLine; line++) {
    if (!inDiff.has(line)) {
      await removeAll()
      return {
        action: 'skipped',
        reason: file
          ? `${suggestion.path}:${line} is not part of the pull request's diff`
          : `${suggestion.path} is not changed by the pull request`
      }
    }
  }
  const body = suggestionBody(key, facts, suggestion)
  const samePlace = ours.find(
    c =>
      c.path === suggestion.path && c.line === suggestion.lastLine && (c.startLine ?? c.line) === suggestion.firstLine
  )
  await removeAll(samePlace)
  if (samePlace) return { action: 'updated', url: (await port.updateReviewComment(samePlace.id, body)).url }
  const created = await port.createReviewComment(pullRequest.number, {
    body,
    commitId: pullRequest.headSha,
    path: suggestion.path,
    line: suggestion.lastLine,
    ...(suggestion.firstLine < suggestion.lastLine ? { startLine: suggestion.firstLine } : {})
  })
  return { action: 'created', url: created.url }
}

// ---------------------------------------------------------------- where, by event
