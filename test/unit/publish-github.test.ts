// What publishing writes on GitHub, body for body: the sticky PR comment, the
// tracking issue, the one-click suggestion and the saved report's target,
// through the real REST client (github.ts) against the tests' fake GitHub.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { github, RestGitHub } from '../../src/github/rest-client.js'
import {
  BODY_LIMIT,
  publishToPullRequest,
  publishToTrackingIssue,
  savedReportTarget,
  TRACKING_LABEL,
  type ReportFacts
} from '../../src/github/publish.js'
import { ACTIONS_BOT, FakeGitHub } from '../support/fake-github.js'
import { linesInDiff, publishSuggestions, type Suggestion } from '../../src/github/suggestion.js'

const fake = new FakeGitHub()
let port: RestGitHub

beforeAll(async () => {
  await fake.start()
})
afterAll(async () => {
  await fake.stop()
})
beforeEach(() => {
  fake.reset()
  port = client()
})

/** A new client: the token's identity is asked once per client. */
function client(): RestGitHub {
  return new RestGitHub(github.getOctokit('test-token', { baseUrl: fake.url }), { owner: 'acme', repo: 'shop' })
}

const SHA_1 = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const SHA_2 = '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
const HUNG_REPORT =
  '## 🛑 backend-hang-debug: hung: `sync-sleep`\n\n`/health` gave no answer within 1s.\n\n- **Culprit:** `app/main.py:9`\n'
const HEALTHY_REPORT = '## ✅ backend-hang-debug: healthy\n\n`/health` answered every probe (slowest 4 ms).\n'

function facts(verdict: ReportFacts['verdict'], sha: string, overrides: Partial<ReportFacts> = {}): ReportFacts {
  return {
    verdict,
    markdown: verdict === 'healthy' ? HEALTHY_REPORT : HUNG_REPORT,
    sha,
    runUrl: 'https://github.com/acme/shop/actions/runs/7',
    ...(verdict === 'hung' || verdict === 'stalled' ? { pattern: 'sync-sleep', culprit: 'app/main.py:9' } : {}),
    ...overrides
  }
}

const options = { key: 'api', comment: 'auto', fullReportAt: 'the job summary' } as const

describe('publishToPullRequest', () => {
  it('posts a hang as a new comment: our marker, then the report', async () => {
    const outcome = await publishToPullRequest(port, 4, facts('hung', SHA_1), options)
    const [posted] = fake.commentsOn(4)
    expect(outcome).toEqual({ action: 'created', url: posted?.html_url })
    expect(posted?.body).toBe(`<!-- backend-hang-debug:report key="api" state="hung" -->\n${HUNG_REPORT}`)
    expect(posted?.user.login).toBe(ACTIONS_BOT)
  })

  it('updates its own comment instead of adding one, and leaves comments it did not write alone', async () => {
    const pasted = fake.addComment(
      4,
      '<!-- backend-hang-debug:report key="api" state="hung" -->\nquoted by a person',
      'someone'
    )
    const otherKey = fake.addComment(
      4,
      '<!-- backend-hang-debug:report key="web" state="hung" -->\nthe other job',
      ACTIONS_BOT
    )
    const ours = fake.addComment(4, '<!-- backend-hang-debug:report key="api" state="stalled" -->\nolder', ACTIONS_BOT)
    const outcome = await publishToPullRequest(port, 4, facts('hung', SHA_1), options)
    expect(outcome).toEqual({ action: 'updated', url: ours.html_url })
    expect(fake.commentsOn(4)).toHaveLength(3)
    expect(ours.body).toBe(`<!-- backend-hang-debug:report key="api" state="hung" -->\n${HUNG_REPORT}`)
    expect(pasted.body).toBe('<!-- backend-hang-debug:report key="api" state="hung" -->\nquoted by a person')
    expect(otherKey.body).toBe('<!-- backend-hang-debug:report key="web" state="hung" -->\nthe other job')
  })

  it("with a token that may read its user, only that user's comments are ours, bot or not", async () => {
    fake.tokenUser = 'release-bot'
    const byActions = fake.addComment(
      4,
      '<!-- backend-hang-debug:report key="api" state="hung" -->\nby the Actions bot',
      ACTIONS_BOT
    )
    const byUser = fake.addComment(
      4,
      '<!-- backend-hang-debug:report key="api" state="hung" -->\nby the token',
      'release-bot'
    )
    expect(await publishToPullRequest(port, 4, facts('stalled', SHA_1), options)).toEqual({
      action: 'updated',
      url: byUser.html_url
    })
    expect(byUser.body.startsWith('<!-- backend-hang-debug:report key="api" state="stalled" -->\n')).toBe(true)
    expect(byActions.body).toBe('<!-- backend-hang-debug:report key="api" state="hung" -->\nby the Actions bot')
  })

  it('turns the report green in place when the app is healthy again, with the diagnosis kept collapsed', async () => {
    await publishToPullRequest(port, 4, facts('hung', SHA_1), options)
    const outcome = await publishToPullRequest(port, 4, facts('healthy', SHA_2), options)
    const [comment] = fake.commentsOn(4)
    expect(outcome).toEqual({ action: 'updated', url: comment?.html_url })
    expect(comment?.body).toBe(
      [
        `<!-- backend-hang-debug:report key="api" state="healthy" since="${SHA_2}" -->`,
        '## ✅ backend-hang-debug: no hang since `2222222`',
        '',
        '`/health` answered every probe (slowest 4 ms).',
        '',
        '<!-- backend-hang-debug:previous -->',
        '<details>\n<summary>Previous diagnosis: 🛑 backend-hang-debug: hung: `sync-sleep`</summary>',
        '',
        HUNG_REPORT.trim(),
        '',
        '</details>',
        '<!-- backend-hang-debug:previous-end -->',
        ''
      ].join('\n')
    )
  })

  it('keeps the commit it turned green at, says when it was last checked, and keeps the old diagnosis', async () => {
    await publishToPullRequest(port, 4, facts('hung', SHA_1), options)
    await publishToPullRequest(port, 4, facts('healthy', SHA_1), options)
    const green = fake.commentsOn(4)[0]?.body ?? ''
    const third = '3333333ccccccccccccccccccccccccccccccccc'
    await publishToPullRequest(port, 4, facts('healthy', third), options)
    const body = fake.commentsOn(4)[0]?.body ?? ''
    expect(body.split('\n').slice(0, 4)).toEqual([
      `<!-- backend-hang-debug:report key="api" state="healthy" since="${SHA_1}" -->`,
      '## ✅ backend-hang-debug: no hang since `1111111`',
      '',
      '`/health` answered every probe (slowest 4 ms). Last checked at `3333333` ([run](https://github.com/acme/shop/actions/runs/7)).'
    ])
    expect(green.split('\n')[3]).toBe('`/health` answered every probe (slowest 4 ms).')
    // the collapsed diagnosis is carried over as it was, not nested again
    const previous = (text: string): string => text.slice(text.indexOf('<!-- backend-hang-debug:previous -->'))
    expect(previous(body)).toBe(previous(green))
    expect(body.match(/<details>/g)).toHaveLength(1)
    const noRunLink = await publishToPullRequest(port, 4, facts('healthy', SHA_2, { runUrl: undefined }), options)
    expect(noRunLink.action).toBe('updated')
    expect(fake.commentsOn(4)[0]?.body.split('\n')[3]).toBe(
      '`/health` answered every probe (slowest 4 ms). Last checked at `2222222`.'
    )
  })

  it('posts nothing for a healthy run without an earlier report, unless comment is always', async () => {
    expect(await publishToPullRequest(port, 4, facts('healthy', SHA_1), options)).toEqual({ action: 'skipped' })
    expect(fake.commentsOn(4)).toEqual([])
    const always = await publishToPullRequest(port, 4, facts('healthy', SHA_1), { ...options, comment: 'always' })
    expect(always.action).toBe('created')
    expect(fake.commentsOn(4)[0]?.body).toBe(
      `<!-- backend-hang-debug:report key="api" state="healthy" since="${SHA_1}" -->\n${HEALTHY_REPORT}`
    )
  })

  it("strips markers out of the report, so no one's text passes for a comment of ours", async () => {
    const markdown = `${HUNG_REPORT}\n<!-- backend-hang-debug:report key="api" state="healthy" -->\nfrom the app log\n`
    await publishToPullRequest(port, 4, facts('hung', SHA_1, { markdown }), options)
    const body = fake.commentsOn(4)[0]?.body ?? ''
    expect(body.match(/<!-- backend-hang-debug/g)).toHaveLength(1)
    expect(body).toContain('\n\nfrom the app log\n')
  })

  it("cuts a report over GitHub's size limit and says where the whole one is", async () => {
    const huge = `${HUNG_REPORT}\n<details>\n<summary>Other threads (900)</summary>\n\n\`\`\`\n${'frame\n'.repeat(20_000)}\`\`\`\n\n</details>\n`
    await publishToPullRequest(port, 4, facts('hung', SHA_1, { markdown: huge }), options)
    const body = fake.commentsOn(4)[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT - 400 + 60)
    expect(body.length).toBeGreaterThan(HUNG_REPORT.length)
    expect(body).toContain('_(Other threads (900): cut, see the full report)_')
    expect(body).toContain('The full report: the job summary.')
  })
})

describe('publishToTrackingIssue', () => {
  const issueOptions = { key: 'nightly', fullReportAt: 'the job summary' }

  it('opens one labelled issue for a hang, titled with the pattern and the culprit, and creates the label', async () => {
    const outcome = await publishToTrackingIssue(port, facts('hung', SHA_1), issueOptions)
    expect(fake.issues).toHaveLength(1)
    const [issue] = fake.issues
    expect(outcome).toEqual({ action: 'opened', url: issue?.html_url })
    expect(issue?.title).toBe('backend-hang-debug: event loop blocked (sync-sleep) at app/main.py:9 [nightly]')
    expect(issue?.body).toBe(`<!-- backend-hang-debug:report key="nightly" state="hung" -->\n${HUNG_REPORT}`)
    expect(issue?.labels).toEqual([{ name: TRACKING_LABEL }])
    expect(fake.labels).toEqual(['hang-regression'])
    const label = fake.requests.find(r => r.method === 'POST' && r.path.endsWith('/labels'))
    expect(label?.body).toEqual({
      name: 'hang-regression',
      color: 'b60205',
      description: 'A scheduled backend-hang-debug run found the app hung, stalled or unhealthy'
    })
  })

  it('updates the open issue on the next bad run instead of opening another, whatever the label already was', async () => {
    fake.labels.push(TRACKING_LABEL)
    await publishToTrackingIssue(port, facts('hung', SHA_1), issueOptions)
    const outcome = await publishToTrackingIssue(port, facts('stalled', SHA_2, { culprit: undefined }), issueOptions)
    expect(fake.issues).toHaveLength(1)
    expect(outcome).toEqual({ action: 'updated', url: fake.issues[0]?.html_url })
    expect(fake.issues[0]?.title).toBe('backend-hang-debug: event loop stalled (sync-sleep) [nightly]')
    expect(fake.issues[0]?.body.startsWith('<!-- backend-hang-debug:report key="nightly" state="stalled" -->\n')).toBe(
      true
    )
  })

  it('titles a run without a pattern by its verdict, and leaves out an empty key', async () => {
    await publishToTrackingIssue(port, facts('unhealthy', SHA_1), { ...issueOptions, key: '' })
    expect(fake.issues[0]?.title).toBe('backend-hang-debug: unhealthy')
    await publishToTrackingIssue(port, facts('hung', SHA_1, { pattern: undefined }), issueOptions)
    expect(fake.issues[1]?.title).toBe('backend-hang-debug: hung [nightly]')
  })

  it('closes the issue with a comment when the app is healthy again, and does nothing when none is open', async () => {
    expect(await publishToTrackingIssue(port, facts('healthy', SHA_1), issueOptions)).toEqual({ action: 'none' })
    await publishToTrackingIssue(port, facts('hung', SHA_1), issueOptions)
    const outcome = await publishToTrackingIssue(port, facts('healthy', SHA_2), issueOptions)
    const [issue] = fake.issues
    expect(outcome).toEqual({ action: 'closed', url: issue?.html_url })
    expect(issue?.state).toBe('closed')
    expect(fake.commentsOn(issue?.number ?? 0).map(c => c.body)).toEqual([
      '✅ Healthy again at `2222222` ([run](https://github.com/acme/shop/actions/runs/7)): `/health` answered every probe (slowest 4 ms).'
    ])
    // closed: the next hang opens a new one
    await publishToTrackingIssue(port, facts('hung', SHA_2, { runUrl: undefined }), issueOptions)
    expect(fake.issues.map(i => i.state)).toEqual(['closed', 'open'])
  })

  it("does not take an issue someone else opened with our marker, or another key's, for ours", async () => {
    fake.issues.push({
      number: 9,
      title: 'pasted',
      body: '<!-- backend-hang-debug:report key="nightly" state="hung" -->',
      state: 'open',
      labels: [{ name: TRACKING_LABEL }],
      user: { login: 'someone', type: 'User' },
      html_url: 'https://github.com/acme/shop/issues/9'
    })
    await publishToTrackingIssue(port, facts('hung', SHA_1), { ...issueOptions, key: 'other' })
    await publishToTrackingIssue(port, facts('hung', SHA_1), issueOptions)
    expect(fake.issues.map(i => i.title)).toEqual([
      'pasted',
      'backend-hang-debug: event loop blocked (sync-sleep) at app/main.py:9 [other]',
      'backend-hang-debug: event loop blocked (sync-sleep) at app/main.py:9 [nightly]'
    ])
    expect(await publishToTrackingIssue(port, facts('healthy', SHA_2), { ...issueOptions, key: 'other' })).toEqual({
      action: 'closed',
      url: fake.issues[1]?.html_url
    })
    expect(fake.issues.map(i => i.state)).toEqual(['open', 'closed', 'open'])
  })
})

describe('linesInDiff', () => {
  it('gives the new-file lines of each hunk, added and unchanged, and skips removed lines and no-newline notes', () => {
    const patch = [
      '@@ -1,3 +1,4 @@',
      ' import time',
      '-import os',
      '+import asyncio',
      '+import json',
      ' ',
      '@@ -20,2 +21,3 @@ def f():',
      '     a = 1',
      '+    b = 2',
      '     return a',
      '\\ No newline at end of file'
    ].join('\n')
    expect([...linesInDiff(patch)]).toEqual([1, 2, 3, 4, 21, 22, 23])
    expect([...linesInDiff('@@ -0,0 +1 @@\n+only')]).toEqual([1])
    expect([...linesInDiff('no hunk header\n+x')]).toEqual([])
  })
})

describe('publishSuggestions', () => {
  const pull = { number: 4, headSha: SHA_1 }
  const suggestion: Suggestion = {
    verdict: 'hung',
    pattern: 'sync-sleep',
    path: 'app/main.py',
    firstLine: 3,
    lastLine: 4,
    after: ['    await asyncio.sleep(1)', '    yield "data: `x`\\n\\n"'],
    notes: ['Add `import asyncio` at the top of the file.', '✅ Tried: healthy.']
  }
  const patch = '@@ -1,2 +1,5 @@\n import time\n+async def events():\n+    time.sleep(1)\n+    yield "data: x\\n\\n"\n '
  const NONE = 'nothing to suggest'
  const publish = (list: Suggestion[], key = 'api', whyNone = NONE) =>
    publishSuggestions(port, pull, list, key, whyNone)

  it('puts the fix on the lines it changes, as a suggestion a reviewer commits in one click', async () => {
    fake.pullFiles.set(4, [{ filename: 'app/main.py', patch }])
    const outcome = await publish([suggestion])
    const [comment] = fake.reviewComments
    expect(outcome).toEqual({ outcomes: [{ action: 'created', url: comment?.html_url }], removed: 0 })
    expect(comment).toMatchObject({ path: 'app/main.py', line: 4, start_line: 3, commit_id: SHA_1, side: 'RIGHT' })
    expect(comment?.body).toBe(
      [
        '<!-- backend-hang-debug:suggestion key="api" -->',
        '🛑 **backend-hang-debug:** this blocks the event loop (`sync-sleep`). The change that fixes it:',
        '',
        '```suggestion',
        '    await asyncio.sleep(1)',
        '    yield "data: `x`\\n\\n"',
        '```',
        '',
        'Add `import asyncio` at the top of the file.',
        '',
        '✅ Tried: healthy.'
      ].join('\n')
    )
  })

  it('edits its suggestion in place on the next run, and moves it when the fix moves', async () => {
    fake.pullFiles.set(4, [{ filename: 'app/main.py', patch }])
    await publish([suggestion])
    const first = fake.reviewComments[0]
    const again = await publish([{ ...suggestion, verdict: 'stalled' }])
    expect(again).toEqual({ outcomes: [{ action: 'updated', url: first?.html_url }], removed: 0 })
    expect(fake.reviewComments).toHaveLength(1)
    expect(first?.body.split('\n')[1]).toBe(
      '🟠 **backend-hang-debug:** this stalls the event loop (`sync-sleep`). The change that fixes it:'
    )
    const moved = await publish([
      { verdict: 'hung', path: 'app/main.py', firstLine: 3, lastLine: 3, after: ['x = ```'], notes: [] }
    ])
    expect(moved).toMatchObject({ outcomes: [{ action: 'created' }], removed: 1 })
    expect(fake.reviewComments).toHaveLength(1)
    expect(fake.reviewComments[0]).toMatchObject({ line: 3, start_line: null })
    // a fence longer than the code's own backticks, and no pattern named when there is none
    expect(fake.reviewComments[0]?.body).toBe(
      '<!-- backend-hang-debug:suggestion key="api" -->\n🛑 **backend-hang-debug:** this blocks the event loop. The change that fixes it:\n\n````suggestion\nx = ```\n````'
    )
  })

  it("keeps one suggestion per broken route, and removes a fixed route's without touching the others", async () => {
    const twoFiles = '@@ -1,2 +1,5 @@\n import time\n+def a():\n+    time.sleep(1)\n+    return 1\n '
    fake.pullFiles.set(4, [
      { filename: 'app/main.py', patch },
      { filename: 'app/jobs.py', patch: twoFiles }
    ])
    const jobs: Suggestion = { ...suggestion, pattern: 'sync-io', path: 'app/jobs.py', firstLine: 3, lastLine: 3 }
    const both = await publish([suggestion, jobs])
    expect(both.outcomes.map(o => o.action)).toEqual(['created', 'created'])
    expect(fake.reviewComments.map(c => [c.path, c.line])).toEqual([
      ['app/main.py', 4],
      ['app/jobs.py', 3]
    ])
    const mainComment = fake.reviewComments[0]
    // the route in app/jobs.py was fixed: its suggestion goes, the other one is edited in place
    const after = await publish([suggestion])
    expect(after).toEqual({ outcomes: [{ action: 'updated', url: mainComment?.html_url }], removed: 1 })
    expect(fake.reviewComments.map(c => c.path)).toEqual(['app/main.py'])
    // one route's lines outside the diff do not keep the other's from being posted
    const mixed = await publish([{ ...suggestion, firstLine: 5, lastLine: 6 }, jobs])
    expect(mixed.outcomes).toEqual([
      { action: 'skipped', reason: "app/main.py:6 is not part of the pull request's diff" },
      { action: 'created', url: fake.reviewComments.at(-1)?.html_url }
    ])
    expect(fake.reviewComments.map(c => c.path)).toEqual(['app/jobs.py'])
  })

  it('says why it posts nothing when the lines are not part of the diff, and removes an old suggestion then', async () => {
    fake.pullFiles.set(4, [{ filename: 'app/main.py', patch }])
    await publish([suggestion])
    const outside = await publish([{ ...suggestion, firstLine: 5, lastLine: 6 }])
    expect(outside).toEqual({
      outcomes: [{ action: 'skipped', reason: "app/main.py:6 is not part of the pull request's diff" }],
      removed: 1
    })
    expect(fake.reviewComments).toEqual([])
    const otherFile = await publish([{ ...suggestion, path: 'app/other.py' }])
    expect(otherFile.outcomes).toEqual([
      { action: 'skipped', reason: 'app/other.py is not changed by the pull request' }
    ])
    fake.pullFiles.set(4, [{ filename: 'app/main.py' }])
    const noPatch = await publish([suggestion])
    expect(noPatch.outcomes).toEqual([
      { action: 'skipped', reason: "app/main.py:3 is not part of the pull request's diff" }
    ])
  })

  it('removes its suggestions when there is nothing to suggest, and only its own', async () => {
    fake.pullFiles.set(4, [{ filename: 'app/main.py', patch }])
    expect(await publish([], 'api', 'the run is healthy')).toEqual({
      outcomes: [{ action: 'skipped', reason: 'the run is healthy' }],
      removed: 0
    })
    await publish([suggestion], 'web')
    await publish([suggestion], 'api')
    expect(fake.reviewComments).toHaveLength(2)
    expect(await publish([], 'api')).toEqual({ outcomes: [{ action: 'removed' }], removed: 1 })
    expect(fake.reviewComments.map(c => c.body.split('\n')[0])).toEqual([
      '<!-- backend-hang-debug:suggestion key="web" -->'
    ])
    // a person's comment with our marker is not ours to delete
    fake.tokenUser = 'release-bot'
    port = client()
    expect(await publish([], 'web')).toEqual({ outcomes: [{ action: 'skipped', reason: NONE }], removed: 0 })
    expect(fake.reviewComments).toHaveLength(1)
  })
})

describe('savedReportTarget', () => {
  it('posts to the pull request the workflow run names, or the open one whose head is the commit', async () => {
    expect(await savedReportTarget(port, SHA_1, { headSha: SHA_1, pullRequests: [12, 13] })).toEqual({
      pullRequest: 12
    })
    fake.addPull(31, SHA_2, 'other')
    fake.addPull(30, SHA_1, 'feature')
    expect(await savedReportTarget(port, SHA_1, { headSha: SHA_1, pullRequests: [] })).toEqual({ pullRequest: 30 })
  })

  it('posts nothing for a report saved at another commit, or when no open pull request has the head', async () => {
    expect(await savedReportTarget(port, SHA_2, { headSha: SHA_1, pullRequests: [12] })).toEqual({
      skip: 'The saved report is for 2222222, but the workflow run was for 1111111; posting nothing.'
    })
    expect(await savedReportTarget(port, SHA_1, { headSha: SHA_1, pullRequests: [] })).toEqual({
      skip: 'No open pull request has the head 1111111; nothing to post.'
    })
  })
})
