// Each use gets what it needs on GitHub, safely: the bundled action against
// the fake GitHub REST API, on pull requests, scheduled runs, manual runs and
// the fork-PR post-report workflow. The app is the edge-case fixture, whose
// quick verdicts (unhealthy after a disconnect, or healthy) keep this fast.

import * as fs from 'node:fs'
import * as http from 'node:http'
import * as net from 'node:net'
import type { AddressInfo } from 'node:net'
import * as path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ACTIONS_BOT, FakeGitHub } from '../support/fake-github.js'
import { prepareApp, type PreparedApp } from '../support/fixture-app.js'
import { patternsAppDir } from '../support/pattern-cases.js'
import { lineOf, repoRoot } from '../support/paths.js'
import { runAction, type ActionRun, type RunOptions } from '../support/run-action.js'

const TOKEN = 'ghs_fakeTokenForTests'
const HEAD = 'a'.repeat(40)
const UNHEALTHY = '/degrade/stream'
const HEALTHY = '/sse'

let github: FakeGitHub
beforeAll(async () => {
  github = await new FakeGitHub().start()
})
afterAll(async () => {
  await github.stop()
})
beforeEach(() => github.reset())

function pullRequestEvent(number: number, headSha = HEAD): RunOptions['event'] {
  return {
    name: 'pull_request',
    payload: { action: 'synchronize', number, pull_request: { number, head: { sha: headSha } } }
  }
}

async function run(
  streamPath: string,
  event: RunOptions['event'],
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
  app?: PreparedApp
): Promise<ActionRun> {
  const prepared = app ?? (await prepareApp('edge-cases'))
  const result = await runAction({
    inputs: { ...prepared.inputs, 'stream-path': streamPath, 'github-token': TOKEN, cycles: '1', ...inputs },
    env: { ...prepared.env, GITHUB_API_URL: github.url, ...env },
    ...(event ? { event } : {})
  })
  expect(prepared.leftoverProcesses()).toEqual([])
  return result
}

const warnings = (r: ActionRun): string[] => r.annotations.filter(a => a.level === 'warning').map(a => a.message)

describe('the pull request comment', () => {
  it('is found by marker and author only: a planted marker is left alone, and ours is found past 100 comments', async () => {
    for (let i = 0; i < 150; i++) github.addComment(9, `comment ${i}`)
    const planted = github.addComment(
      9,
      '<!-- backend-hang-debug:report key="default" state="hung" -->\nlooks official',
      'mallory'
    )
    const first = await run(UNHEALTHY, pullRequestEvent(9))
    expect(first.outputs.verdict).toBe('unhealthy')
    const ours = github.commentsOn(9).filter(c => c.user.login === ACTIONS_BOT)
    expect(ours).toHaveLength(1)
    expect(planted.body).toBe('<!-- backend-hang-debug:report key="default" state="hung" -->\nlooks official')

    const second = await run(UNHEALTHY, pullRequestEvent(9))
    expect(second.outputs['comment-url']).toBe(ours[0]?.html_url)
    expect(github.commentsOn(9)).toHaveLength(152)
    // the second run read both pages of comments
    expect(
      github.requests.filter(
        r => r.method === 'GET' && r.path.includes('/issues/9/comments') && r.path.includes('page=2')
      ).length
    ).toBe(2)
  })

  it("with a personal token, ours is the token user's comment, not a bot's with the same marker", async () => {
    github.tokenUser = 'hang-checker'
    const marker = '<!-- backend-hang-debug:report key="default" state="hung" -->\nearlier'
    const botComment = github.addComment(20, marker, ACTIONS_BOT)
    const userComment = github.addComment(20, marker, 'hang-checker')
    const result = await run(UNHEALTHY, pullRequestEvent(20))
    expect(result.outputs['comment-url']).toBe(userComment.html_url)
    expect(userComment.body).toContain('## ⚠️ backend-hang-debug: unhealthy')
    expect(botComment.body).toBe(marker)
    expect(github.commentsOn(20)).toHaveLength(2)
  })

  it('keeps one comment per comment-key, so matrix jobs do not overwrite each other', async () => {
    await run(UNHEALTHY, pullRequestEvent(10), { 'comment-key': 'py3.11' })
    await run(UNHEALTHY, pullRequestEvent(10), { 'comment-key': 'py3.12' })
    await run(UNHEALTHY, pullRequestEvent(10), { 'comment-key': 'py3.12' })
    const keys = github.commentsOn(10).map(c => /key="([^"]+)"/.exec(c.body)?.[1])
    expect(keys).toEqual(['py3.11', 'py3.12'])
  })

  it('posts nothing for a healthy first run, unless comment: always', async () => {
    await run(HEALTHY, pullRequestEvent(11))
    expect(github.commentsOn(11)).toHaveLength(0)
    const always = await run(HEALTHY, pullRequestEvent(11), { comment: 'always' })
    expect(github.commentsOn(11)[0]?.body).toContain('## ✅ backend-hang-debug: healthy')
    expect(always.outputs['comment-url']).toBe(github.commentsOn(11)[0]?.html_url)
  })

  it('retries a 500 and a secondary rate limit, then posts', async () => {
    github.failNext('POST', /\/issues\/12\/comments$/, 500, 1)
    github.failNext('POST', /\/issues\/12\/comments$/, 403, 1, { 'retry-after': '1' })
    const result = await run(UNHEALTHY, pullRequestEvent(12))
    expect(
      github.commentsOn(12),
      result.stdout
        .split('\n')
        .filter(l => /warning|comment/i.test(l))
        .join('\n')
    ).toHaveLength(1)
    expect(github.requests.filter(r => r.method === 'POST').length).toBe(3)
    expect(warnings(result)).toEqual([])
  })

  it('turns a 404 into a warning that says what to do; the diagnosis and exit status stay', async () => {
    github.failNext('GET', /\/issues\/13\/comments$/, 404, 1)
    const result = await run(UNHEALTHY, pullRequestEvent(13))
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ verdict: 'unhealthy', 'comment-url': '' })
    expect(result.summary).toContain('backend-hang-debug: unhealthy')
    expect(
      warnings(result).some(
        w => w.startsWith('The PR comment was not posted. GitHub answered 404') && w.includes('pull-requests: write')
      )
    ).toBe(true)
  })
})

describe('a self-hosted runner behind a proxy', () => {
  it('reaches GitHub through https_proxy/http_proxy, as the rest of the toolkit does', async () => {
    // a forwarding proxy that tunnels CONNECT to the fake GitHub, whatever host is asked for
    const tunnels: string[] = []
    const forwarded: string[] = []
    const proxy = http.createServer((req, res) => {
      forwarded.push(`${req.method} ${req.url}`)
      res.writeHead(502).end()
    })
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      tunnels.push(req.url ?? '')
      const upstream = net.connect(Number(new URL(github.url).port), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
    try {
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
      // a name that does not resolve: only the proxy can reach it (loopback addresses bypass proxies)
      const apiHost = `api.github.invalid:${new URL(github.url).port}`
      const result = await run(
        UNHEALTHY,
        pullRequestEvent(14),
        {},
        {
          GITHUB_API_URL: `http://${apiHost}`,
          http_proxy: proxyUrl,
          https_proxy: proxyUrl
        }
      )
      expect(result.outputs.verdict).toBe('unhealthy')
      expect(warnings(result)).toEqual([])
      expect(github.commentsOn(14)).toHaveLength(1)
      expect(result.outputs['comment-url']).toBe(github.commentsOn(14)[0]?.html_url)
      expect(forwarded).toEqual([])
      expect(tunnels.length).toBeGreaterThan(0)
      expect(new Set(tunnels)).toEqual(new Set([apiHost]))
    } finally {
      proxy.closeAllConnections()
      await new Promise(resolve => proxy.close(resolve))
    }
  })
})

describe('scheduled runs: the tracking issue', () => {
  const schedule = { name: 'schedule', payload: { schedule: '17 3 * * *' } }

  it('opens one labelled issue, updates it on the next bad night, and closes it when healthy again', async () => {
    const opened = await run(UNHEALTHY, schedule)
    expect(github.issues).toHaveLength(1)
    const issue = github.issues[0]
    expect(issue).toMatchObject({
      state: 'open',
      labels: [{ name: 'hang-regression' }],
      title: 'backend-hang-debug: unhealthy [default]'
    })
    expect(issue?.body).toContain('## ⚠️ backend-hang-debug: unhealthy')
    expect(github.labels).toEqual(['hang-regression'])
    expect(opened.outputs['issue-url']).toBe(issue?.html_url)
    expect(github.comments).toHaveLength(0)

    await run(UNHEALTHY, schedule)
    expect(github.issues).toHaveLength(1)
    expect(github.requests.filter(r => r.method === 'POST' && r.path.endsWith('/labels'))).toHaveLength(1)

    const healed = await run(HEALTHY, schedule)
    expect(issue?.state).toBe('closed')
    expect(github.commentsOn(issue?.number ?? 0)[0]?.body).toMatch(
      /^✅ Healthy again at `0123456` \(\[run\]\(https:\/\/github\.com\/acme\/shop\/actions\/runs\/4242\)\)/
    )
    expect(healed.outputs['issue-url']).toBe(issue?.html_url)
  })

  it('without issues: write, a warning that names the permission; the diagnosis and the exit status stay', async () => {
    github.forbidWrites = true
    const night = await run(UNHEALTHY, schedule)
    expect(night.code).toBe(1)
    expect(night.outputs).toMatchObject({ verdict: 'unhealthy', 'issue-url': '' })
    expect(night.summary).toContain('## ⚠️ backend-hang-debug: unhealthy')
    expect(
      warnings(night).some(
        w => w.startsWith('The tracking issue was not updated. GitHub answered 403') && w.includes('issues: write')
      )
    ).toBe(true)
    expect(github.issues).toEqual([])
  })

  it('tracking-issue: never keeps scheduled runs to the job summary', async () => {
    await run(UNHEALTHY, schedule, { 'tracking-issue': 'never' })
    expect(github.requests).toEqual([])
  })
})

describe('a stalled app: the loop blocked for 1.5 s at each disconnect, every probe answered', () => {
  const STALLS = '/metrics-flush/stream'
  const FIXED = '/metrics-flush-fixed/stream'
  const culprit = `app/services/metrics.py:${lineOf(path.join(patternsAppDir, 'app/services/metrics.py'), 'time.sleep(FLUSH_SECONDS)')}`

  it('gets the sticky comment in orange, which a later healthy run turns green', async () => {
    const stalled = await run(
      STALLS,
      pullRequestEvent(31),
      { 'health-timeout': '2s' },
      {},
      await prepareApp('patterns')
    )
    expect(stalled.code, stalled.stdout).toBe(1)
    expect(stalled.outputs).toMatchObject({ verdict: 'stalled', pattern: 'sync-sleep', culprit })
    const [comment] = github.commentsOn(31)
    expect(
      comment?.body.startsWith(
        '<!-- backend-hang-debug:report key="default" state="stalled" -->\n## 🟠 backend-hang-debug: stalled: `sync-sleep`'
      )
    ).toBe(true)
    expect(comment?.body).toContain(`\`${culprit}\``)

    const healed = await run(FIXED, pullRequestEvent(31), { 'health-timeout': '2s' }, {}, await prepareApp('patterns'))
    expect(healed.outputs.verdict).toBe('healthy')
    const comments = github.commentsOn(31)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.id).toBe(comment?.id)
    expect(comments[0]?.body).toContain('## ✅ backend-hang-debug: no hang since `aaaaaaa`')
    expect(comments[0]?.body).toContain(
      '<summary>Previous diagnosis: 🟠 backend-hang-debug: stalled: `sync-sleep`</summary>'
    )
  })

  it('opens the tracking issue on a scheduled night, and fail-on-stall: false keeps the step green', async () => {
    const night = await run(
      STALLS,
      { name: 'schedule', payload: {} },
      { 'health-timeout': '2s', 'fail-on-stall': 'false' },
      {},
      await prepareApp('patterns')
    )
    expect(night.code, night.stdout).toBe(0)
    expect(night.outputs.verdict).toBe('stalled')
    expect(github.issues).toHaveLength(1)
    expect(github.issues[0]).toMatchObject({
      state: 'open',
      title: `backend-hang-debug: event loop stalled (sync-sleep) at ${culprit} [default]`
    })
    expect(github.issues[0]?.body).toContain('## 🟠 backend-hang-debug: stalled')
  })
})

describe("the one-click suggestion on the pull request's diff", () => {
  const STREAM = 'examples/news-app/app/api/routes/stream.py'
  const source = fs.readFileSync(path.join(repoRoot, STREAM), 'utf8').replace(/\n$/, '').split('\n')
  /** The patch of a pull request that adds the whole file, as GitHub gives it. */
  const addsTheFile = `@@ -0,0 +1,${source.length} @@\n${source.map(line => `+${line}`).join('\n')}`
  const withLine = lineOf(path.join(repoRoot, STREAM), 'with ThreadPoolExecutor(')
  const NEWS = '/api/news/stream'

  it('is posted on the lines the fix changes, edited on the next run, and removed once the pull request is healthy', async () => {
    github.pullFiles.set(40, [{ filename: STREAM, patch: addsTheFile }])
    const first = await run(NEWS, pullRequestEvent(40), {}, {}, await prepareApp('news-app'))
    expect(first.outputs).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait' })
    expect(github.reviewComments).toHaveLength(1)
    const [comment] = github.reviewComments
    // the whole with-block, replaced by the change: the suggestion's lines are exactly the ones it replaces
    expect(comment).toMatchObject({
      pull: 40,
      path: STREAM,
      side: 'RIGHT',
      commit_id: HEAD,
      start_line: withLine,
      line: withLine + 4
    })
    expect(comment?.body).toContain(
      '```suggestion\n        pool = ThreadPoolExecutor(max_workers=len(SOURCES))\n        try:\n            pending = [loop.run_in_executor(pool, fetch_feed, source) for source in SOURCES]'
    )
    expect(comment?.body).toContain('            pool.shutdown(wait=False, cancel_futures=True)\n```')
    expect(comment?.body).toContain('✅ **Tried:** the change was applied to a scratch copy of the app')
    expect(first.outputs['suggestion-url']).toBe(comment?.html_url)

    await run(NEWS, pullRequestEvent(40), { 'verify-fix': 'never' }, {}, await prepareApp('news-app'))
    expect(github.reviewComments.map(c => c.id)).toEqual([comment?.id])
    expect(
      github.requests.filter(r => r.method === 'PATCH' && r.path.endsWith(`/pulls/comments/${comment?.id}`))
    ).toHaveLength(1)
    // this run did not try the change, and says nothing of a try
    expect(github.reviewComments[0]?.body).not.toContain('Tried')

    const fixed = await run(NEWS, pullRequestEvent(40), {}, {}, await prepareApp('news-app-fixed'))
    expect(fixed.outputs.verdict).toBe('healthy')
    expect(github.reviewComments).toEqual([])
    expect(
      github.requests.filter(r => r.method === 'DELETE' && r.path.endsWith(`/pulls/comments/${comment?.id}`))
    ).toHaveLength(1)
  })

  it("is not posted when the lines to change are not part of the pull request's diff", async () => {
    github.pullFiles.set(41, [
      { filename: STREAM, patch: `@@ -1,3 +1,4 @@\n+${source[0]}\n ${source[1]}\n ${source[2]}\n ${source[3]}` }
    ])
    const result = await run(NEWS, pullRequestEvent(41), { 'verify-fix': 'never' }, {}, await prepareApp('news-app'))
    expect(result.outputs).toMatchObject({ verdict: 'hung', 'suggestion-url': '' })
    expect(github.reviewComments).toEqual([])
    expect(result.stdout).toContain(
      `No suggestion on the pull request's diff: ${STREAM}:${withLine} is not part of the pull request's diff.`
    )
    expect(github.commentsOn(41)).toHaveLength(1)
  })

  it('without pull-requests: write, a warning that says so; the diagnosis and exit status stay', async () => {
    github.pullFiles.set(42, [{ filename: STREAM, patch: addsTheFile }])
    github.forbidWrites = true
    const result = await run(NEWS, pullRequestEvent(42), { 'verify-fix': 'never' }, {}, await prepareApp('news-app'))
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait', 'suggestion-url': '' })
    expect(
      warnings(result).some(
        w =>
          w.startsWith("The suggestion on the pull request's diff was not posted. GitHub answered 403") &&
          w.includes('pull-requests: write')
      )
    ).toBe(true)
    expect(github.reviewComments).toEqual([])
  })
})

describe('manual runs (workflow_dispatch)', () => {
  it("comment on the branch's open pull request, and post nothing when it has none", async () => {
    github.addPull(14, HEAD, 'feature-x')
    const dispatched = { name: 'workflow_dispatch', payload: { ref: 'refs/heads/feature-x' } }
    await run(UNHEALTHY, dispatched, {}, { GITHUB_REF_NAME: 'feature-x' })
    expect(github.commentsOn(14)).toHaveLength(1)
    expect(github.requests.some(r => r.path.includes('head=acme%3Afeature-x'))).toBe(true)

    github.requests = []
    const alone = await run(UNHEALTHY, { name: 'workflow_dispatch', payload: {} }, {}, { GITHUB_REF_NAME: 'main' })
    expect(github.requests.filter(r => r.method !== 'GET')).toEqual([])
    expect(alone.stdout).toContain('No open pull request has the branch main')
    expect(alone.summary).toContain('backend-hang-debug: unhealthy')
  })
})

describe('safety', () => {
  it('refuses pull_request_target, which would run the PR code with a write token, unless allowed', async () => {
    const refused = await run(UNHEALTHY, {
      name: 'pull_request_target',
      payload: { number: 15, pull_request: { number: 15, head: { sha: HEAD } } }
    })
    expect(refused.code).toBe(1)
    expect(refused.annotations.find(a => a.level === 'error')?.message).toMatch(
      /^Refusing to run on pull_request_target: .*allow-pull-request-target: true/
    )
    expect(refused.stdout).not.toContain('Starting the app')
    expect(github.requests).toEqual([])
    const allowed = await run(
      UNHEALTHY,
      { name: 'pull_request_target', payload: { number: 15, pull_request: { number: 15, head: { sha: HEAD } } } },
      { 'allow-pull-request-target': 'true' }
    )
    expect(allowed.outputs.verdict).toBe('unhealthy')
  })

  it("keeps a secret from the app's output out of every body posted: comment and issue", async () => {
    const app = await prepareApp('import-error')
    const secretive = {
      'start-command': `${app.inputs['start-command']}; status=$?; echo "token ghp_${'x'.repeat(36)} and password $DB_PASSWORD"; exit $status`
    }
    const env = { DB_PASSWORD: 'pl4nted-s3cret-value' }
    await run('/stream', pullRequestEvent(16), secretive, env, app)
    const again = await prepareApp('import-error')
    await run(
      '/stream',
      { name: 'schedule', payload: {} },
      { 'start-command': secretive['start-command'].replace(String(app.port), String(again.port)) },
      env,
      again
    )
    expect(github.commentsOn(16)).toHaveLength(1)
    expect(github.issues).toHaveLength(1)
    const posted = github.postedBodies().join('\n')
    expect(posted, posted.slice(0, 3000)).toContain('password ***')
    expect(posted).not.toContain('pl4nted-s3cret-value')
    expect(posted).not.toContain(`ghp_${'x'.repeat(36)}`)
  })

  it("cuts a report over GitHub's 65,536-character limit: verdict, culprit and fix stay, the stacks go", async () => {
    // 200 threads deep in a recursion: the stacks alone are far over the limit
    const result = await run('/many-threads/stream', pullRequestEvent(17), {}, {}, await prepareApp('patterns'))
    expect(result.outputs).toMatchObject({ verdict: 'hung', pattern: 'sync-sleep' })
    expect(result.summary.length).toBeGreaterThan(200_000)
    const body = github.commentsOn(17)[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toContain('## 🛑 backend-hang-debug: hung: `sync-sleep`')
    expect(body).toContain(`- **Culprit:** [\`${result.outputs.culprit}\``)
    expect(body).toContain('### Fix')
    expect(body).toMatch(/_\(Other threads \(\d+\): cut, see the full report\)_/)
    expect(body).toContain(
      "This report was cut to fit GitHub's size limit. The full report: the [job summary](https://github.com/acme/shop/actions/runs/4242)"
    )
  })
})

describe('fork pull requests: probe with a read-only token, post from workflow_run', () => {
  it('saves the report and the PR; the post-report run posts it on the PR found by its head commit', async () => {
    github.forbidWrites = true
    const probe = await run(UNHEALTHY, pullRequestEvent(18))
    expect(warnings(probe).some(w => w.includes('403'))).toBe(true)
    const saved = JSON.parse(fs.readFileSync(probe.outputs['publish-path'] as string, 'utf8')) as Record<
      string,
      unknown
    >
    expect(saved).toMatchObject({ verdict: 'unhealthy', headSha: HEAD, pullRequest: 18, report: 'report.md' })
    expect(path.dirname(probe.outputs['publish-path'] as string)).toBe(probe.outputs['evidence-dir'])

    // the second workflow: the artifact downloaded, a write token, no code of the PR run. The
    // saved file says PR 18 (the fork's word); GitHub says the commit is the head of PR 19
    github.forbidWrites = false
    github.addPull(19, HEAD, 'fork-branch')
    const workflowRun = {
      name: 'workflow_run',
      payload: { action: 'completed', workflow_run: { head_sha: HEAD, pull_requests: [] } }
    }
    const posted = await runAction({
      inputs: { 'post-report': probe.outputs['evidence-dir'] as string, 'github-token': TOKEN },
      env: { GITHUB_API_URL: github.url },
      event: workflowRun
    })
    expect(posted.code, posted.stdout).toBe(0)
    expect(posted.stdout).not.toContain('Starting the app')
    expect(github.commentsOn(18)).toEqual([])
    const comments = github.commentsOn(19)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.body).toContain('## ⚠️ backend-hang-debug: unhealthy')
    expect(posted.outputs['comment-url']).toBe(comments[0]?.html_url)
  })

  it('refuses post-report outside a workflow_run event, which alone says which commit the report is for', async () => {
    github.forbidWrites = true
    const probe = await run(UNHEALTHY, pullRequestEvent(22))
    github.forbidWrites = false
    const misplaced = await runAction({
      inputs: { 'post-report': probe.outputs['evidence-dir'] as string, 'github-token': TOKEN },
      env: { GITHUB_API_URL: github.url },
      event: pullRequestEvent(22)
    })
    expect(misplaced.code).toBe(1)
    expect(misplaced.annotations.find(a => a.level === 'error')?.message).toBe(
      'post-report runs on a workflow_run event, which says which commit the saved report is for; this is pull_request.'
    )
    expect(github.comments).toEqual([])
  })

  it('posts nothing when the saved report is for another commit than the workflow run', async () => {
    const probe = await run(UNHEALTHY, pullRequestEvent(19, 'b'.repeat(40)), { comment: 'never' })
    github.addPull(19, HEAD, 'fork-branch')
    const posted = await runAction({
      inputs: { 'post-report': probe.outputs['publish-path'] as string, 'github-token': TOKEN },
      env: { GITHUB_API_URL: github.url },
      event: { name: 'workflow_run', payload: { workflow_run: { head_sha: HEAD, pull_requests: [{ number: 19 }] } } }
    })
    expect(warnings(posted)[0]).toMatch(
      /^The saved report is for bbbbbbb, but the workflow run was for aaaaaaa; posting nothing/
    )
    expect(github.requests).toEqual([])
  })
})
