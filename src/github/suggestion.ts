// The fixes as one-click suggestions on the pull request's diff: a review
// comment holding a ```suggestion block on the lines each broken route's fix
// changes, edited on later runs, moved when the fix moves, deleted once the
// run is healthy.

import type { FixProposal, FixTrial, SourceEdit } from '../core/diagnosis.js'
import { verificationLine } from '../report/fix-section.js'
import { codeBlock } from '../report/markdown.js'
import type { GitHubPort, PostedReviewComment, PullRequestRef, ReportFacts } from './publish.js'
/** A broken route's fix as a change of the pull request's lines: repo-relative path, the lines it replaces, what replaces them. */
export interface Suggestion {
  /** what the route's verdict and pattern were, for the comment's first line */
  verdict: ReportFacts['verdict']
  pattern?: string
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

/** What became of each suggestion (in the order given), and how many earlier ones were removed. */
export interface SuggestionsOutcome {
  outcomes: SuggestionOutcome[]
  removed: number
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

function suggestionBody(key: string, suggestion: Suggestion): string {
  const icon = suggestion.verdict === 'stalled' ? '🟠' : '🛑'
  const what = suggestion.verdict === 'stalled' ? 'stalls the event loop' : 'blocks the event loop'
  return [
    `<!-- backend-hang-debug:suggestion key="${key}" -->`,
    `${icon} **backend-hang-debug:** this ${what}${suggestion.pattern ? ` (\`${suggestion.pattern}\`)` : ''}. The change that fixes it:`,
    '',
    codeBlock(suggestion.after.join('\n'), 'suggestion'),
    ...suggestion.notes.flatMap(note => ['', note])
  ].join('\n')
}

const samePlace = (comment: PostedReviewComment, suggestion: Suggestion): boolean =>
  comment.path === suggestion.path &&
  comment.line === suggestion.lastLine &&
  (comment.startLine ?? comment.line) === suggestion.firstLine

/**
 * Keeps one review comment with a suggestion on the lines each fix changes,
 * so the author commits it with one click: created when the lines are part
 * of the pull request's diff, edited on later runs, moved when the fix
 * moves. Every earlier suggestion of this key that is not one of these (the
 * run is healthy, a route was fixed, the fix moved) is removed.
 * `whyNone` says why there is nothing to suggest when the list is empty.
 */
export async function publishSuggestions(
  port: GitHubPort,
  pullRequest: PullRequestRef,
  suggestions: Suggestion[],
  key: string,
  whyNone: string
): Promise<SuggestionsOutcome> {
  const identity = await port.identity()
  const ours = (await port.listReviewComments(pullRequest.number)).filter(c => {
    const byUs = identity === undefined ? c.author.bot : c.author.login === identity
    return byUs && SUGGESTION_MARKER.exec(c.body)?.[1] === key
  })
  const kept = new Set<PostedReviewComment>()
  const outcomes: SuggestionOutcome[] = []
  const files = suggestions.length > 0 ? await port.listPullRequestFiles(pullRequest.number) : []
  for (const suggestion of suggestions) {
    const file = files.find(f => f.filename === suggestion.path)
    const inDiff = file?.patch ? linesInDiff(file.patch) : new Set<number>()
    const outside = lineRange(suggestion).find(line => !inDiff.has(line))
    if (outside !== undefined) {
      outcomes.push({
        action: 'skipped',
        reason: file
          ? `${suggestion.path}:${outside} is not part of the pull request's diff`
          : `${suggestion.path} is not changed by the pull request`
      })
      continue
    }
    const body = suggestionBody(key, suggestion)
    const earlier = ours.find(c => !kept.has(c) && samePlace(c, suggestion))
    if (earlier) {
      kept.add(earlier)
      outcomes.push({ action: 'updated', url: (await port.updateReviewComment(earlier.id, body)).url })
      continue
    }
    const created = await port.createReviewComment(pullRequest.number, {
      body,
      commitId: pullRequest.headSha,
      path: suggestion.path,
      line: suggestion.lastLine,
      ...(suggestion.firstLine < suggestion.lastLine ? { startLine: suggestion.firstLine } : {})
    })
    outcomes.push({ action: 'created', url: created.url })
  }
  const stale = ours.filter(c => !kept.has(c))
  for (const comment of stale) await port.deleteReviewComment(comment.id)
  if (suggestions.length === 0)
    outcomes.push(stale.length > 0 ? { action: 'removed' } : { action: 'skipped', reason: whyNone })
  return { outcomes, removed: stale.length }
}

function lineRange({ firstLine, lastLine }: Suggestion): number[] {
  return Array.from({ length: Math.max(0, lastLine - firstLine + 1) }, (_, i) => firstLine + i)
}

/** A route's fix as the suggestions need it: its verdict and pattern, the change, and what trying it showed. */
export interface RouteFix {
  verdict: ReportFacts['verdict']
  pattern?: string
  fix?: FixProposal
  verification?: FixTrial
}

/**
 * The suggestions of the broken routes whose fix is a mechanical change, in
 * the order given (the decisive route first): the statement's edit, with the
 * import it needs and what trying it showed said under it. Two routes with
 * one culprit make one suggestion. `repoPath` places an edit in the
 * repository; an edit it cannot place (outside the workspace) is left out.
 */
export function suggestionsFor(
  routes: RouteFix[],
  repoPath: (edit: SourceEdit) => string | undefined,
  healthPath: string
): Suggestion[] {
  const suggestions: Suggestion[] = []
  for (const route of routes) {
    if (route.verdict === 'healthy') continue
    const [statement, ...others] = route.fix?.primary?.edits ?? []
    const path = statement ? repoPath(statement) : undefined
    if (!statement || !path || statement.lastLine < statement.firstLine) continue
    if (suggestions.some(s => s.path === path && s.firstLine === statement.firstLine)) continue
    const notes = others.map(edit =>
      edit.path === statement.path && edit.after.length === 1
        ? `Also add \`${edit.after[0]}\` at the top of the file.`
        : `Also change \`${edit.path}\` at line ${edit.firstLine}.`
    )
    if (route.verification) notes.push(verificationLine(route.verification, healthPath))
    if (route.verification?.next) notes.push(route.verification.next)
    suggestions.push({
      verdict: route.verdict,
      ...(route.pattern ? { pattern: route.pattern } : {}),
      path,
      firstLine: statement.firstLine,
      lastLine: statement.lastLine,
      after: statement.after,
      notes
    })
  }
  return suggestions
}
