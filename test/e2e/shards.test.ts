// A big app split across a matrix: four jobs each check their share of the
// twelve routes (shard: K/4), and a final job merges their result files into
// one verdict and one pull request comment, with a one-click suggestion for
// each broken route. Through the bundled action and the fake GitHub API.

import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeGitHub } from '../support/fake-github.js'
import { prepareApp, type PreparedApp } from '../support/fixture-app.js'
import { fixturesDir, lineOf, repoRoot } from '../support/paths.js'
import { runAction, type ActionRun } from '../support/run-action.js'

const TOKEN = 'ghs_fakeTokenForTests'
const HEAD = 'c'.repeat(40)
const MAIN = path.join(fixturesDir, 'apps/many-routes/app/main.py')
const MAIN_IN_REPO = path.relative(repoRoot, MAIN)
const TWELVE = Array.from({ length: 12 }, (_, i) => `/feeds/${String(i + 1).padStart(2, '0')}`)
const pullRequest = (number: number) => ({
  name: 'pull_request',
  payload: { action: 'synchronize', number, pull_request: { number, head: { sha: HEAD } } }
})

interface RouteLine {
  path: string
  verdict: string
  pattern?: string
  culprit?: string
  job?: string
}
const routesOf = (run: ActionRun): RouteLine[] => JSON.parse(run.outputs.routes as string) as RouteLine[]
const warnings = (run: ActionRun): string[] => run.annotations.filter(a => a.level === 'warning').map(a => a.message)
const errors = (run: ActionRun): string[] => run.annotations.filter(a => a.level === 'error').map(a => a.message)

let github: FakeGitHub
let shards: { app: PreparedApp; run: ActionRun }[]
/** where a download-artifact step would put the shards' results: a folder per artifact */
let artifacts: string

beforeAll(async () => {
  github = await new FakeGitHub().start()
  artifacts = fs.mkdtempSync(path.join(os.tmpdir(), 'shard-results-'))
  const runShard = async (index: number) => {
    const app = await prepareApp('many-routes')
    const run = await runAction({
      inputs: {
        ...app.inputs,
        shard: `${index}/4`,
        cycles: '1',
        'health-timeout': '2s',
        'min-watch': '0',
        'verify-fix': 'never',
        comment: 'never',
        'github-token': TOKEN
      },
      env: { ...app.env, GITHUB_API_URL: github.url },
      event: pullRequest(50)
    })
    const folder = path.join(artifacts, `result-shard-${index}`)
    fs.mkdirSync(folder)
    fs.copyFileSync(run.outputs['result-path'] as string, path.join(folder, 'result.json'))
    return { app, run }
  }
  // two at a time: on 2 cores, four apps at once would starve each other's probes
  shards = [...(await Promise.all([runShard(1), runShard(2)])), ...(await Promise.all([runShard(3), runShard(4)]))]
}, 120_000)
afterAll(async () => {
  await github.stop()
  fs.rmSync(artifacts, { recursive: true, force: true })
})

async function merge(lines: string[], inputs: Record<string, string> = {}): Promise<ActionRun> {
  const app = shards[0]?.app as PreparedApp
  return runAction({
    inputs: {
      'working-directory': app.workingDirectory,
      'merge-results': lines.join('\n'),
      'github-token': TOKEN,
      ...inputs
    },
    env: { GITHUB_WORKSPACE: app.workspace, GITHUB_API_URL: github.url },
    event: pullRequest(50)
  })
}

describe('four shards over twelve routes, merged', () => {
  it('checks every route in exactly one shard, each shard only its share', () => {
    for (const { app } of shards) expect(app.leftoverProcesses()).toEqual([])
    const checked = shards.flatMap(({ run }) => routesOf(run).map(r => r.path))
    expect([...checked].sort()).toEqual(TWELVE)
    expect(shards.map(({ run }) => routesOf(run).length)).toEqual([3, 3, 3, 3])
    expect(shards.map(({ run }) => run.outputs.verdict)).toEqual(['healthy', 'hung', 'stalled', 'healthy'])
    expect(shards[1]?.run.summary).toContain("This job checked share 2 of 4 (shard): 3 of the app's 12 route(s).")
  })

  it("posts one comment with every route and both broken routes' fixes, and a suggestion on each", async () => {
    github.reset()
    const source = fs.readFileSync(MAIN, 'utf8').replace(/\n$/, '').split('\n')
    github.pullFiles.set(50, [
      { filename: MAIN_IN_REPO, patch: `@@ -0,0 +1,${source.length} @@\n${source.map(l => `+${l}`).join('\n')}` }
    ])
    const merged = await merge([artifacts])
    const hangLine = lineOf(MAIN, 'time.sleep(60)')
    const stallLine = lineOf(MAIN, 'time.sleep(0.9)')
    expect(merged.code).toBe(1)
    expect(merged.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'sync-sleep',
      culprit: `app/main.py:${hangLine}`
    })
    const routes = routesOf(merged)
    expect(routes.map(r => r.path).sort()).toEqual(TWELVE)
    expect(
      routes.filter(r => r.verdict !== 'healthy').map(r => `${r.path} ${r.job} ${r.verdict} ${r.culprit}`)
    ).toEqual([`/feeds/10 2/4 hung app/main.py:${hangLine}`, `/feeds/07 3/4 stalled app/main.py:${stallLine}`])
    const comments = github.commentsOn(50)
    expect(comments).toHaveLength(1)
    const body = comments[0]?.body ?? ''
    for (const route of TWELVE) expect(body).toMatch(new RegExp(`\\| \`GET ${route}\` \\| [1-4]/4 \\| `))
    expect(body).toContain('### 🛑 `GET /feeds/10`: hung: `sync-sleep` (2/4)')
    expect(body).toContain('### 🟠 `GET /feeds/07`: stalled: `sync-sleep` (3/4)')
    expect(body).toContain('12 route(s) from 4 job(s) (4 shard(s) of 4), merged.')
    expect(merged.summary).toBe(fs.readFileSync(merged.outputs['report-path'] as string, 'utf8'))
    // the two fixes, one click each, on the lines they change
    expect(github.reviewComments.map(c => [c.path, c.line])).toEqual([
      [MAIN_IN_REPO, hangLine],
      [MAIN_IN_REPO, stallLine]
    ])
    expect(github.reviewComments[0]?.body).toContain('```suggestion\n        await asyncio.sleep(60)\n```')
    expect(merged.outputs['suggestion-url']).toBe(github.reviewComments[0]?.html_url)
    const document = JSON.parse(fs.readFileSync(merged.outputs['result-path'] as string, 'utf8')) as {
      merged: boolean
      jobs: { label: string }[]
    }
    expect(document.merged).toBe(true)
    expect(document.jobs.map(j => j.label)).toEqual(['1/4', '2/4', '3/4', '4/4'])
  })

  it('fails, and says which, when a shard gave no result: its routes were not checked', async () => {
    github.reset()
    const [first, , , fourth] = shards.map((_, i) => path.join(artifacts, `result-shard-${i + 1}`, 'result.json'))
    const merged = await merge([first as string, fourth as string], { comment: 'always' })
    expect(merged.code).toBe(1)
    expect(merged.outputs.verdict).toBe('healthy')
    expect(routesOf(merged)).toHaveLength(6)
    expect(warnings(merged)).toContain(
      'No result was given for shard 2/4: its routes were not checked (did its job fail before it wrote one?).'
    )
    expect(errors(merged)).toContain(
      'No result was given for shard 2/4, 3/4: its routes were not checked. Merge after every shard has run (needs: the matrix job, with if: always()).'
    )
    expect(github.commentsOn(50)[0]?.body).toContain('⚠️ **No result for shard 3/4:** its routes were not checked.')
  })

  it('reads whole evidence folders, as an artifact of evidence-dir holds them, and only their own results', async () => {
    github.reset()
    const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-artifacts-'))
    try {
      for (const [i, { run }] of shards.entries())
        fs.cpSync(run.outputs['evidence-dir'] as string, path.join(downloads, `hang-evidence-${i + 1}`), {
          recursive: true
        })
      // a result file deeper in an evidence folder (a copy of the app, say) is not one of the jobs'
      fs.mkdirSync(path.join(downloads, 'hang-evidence-1', 'nested'))
      fs.writeFileSync(path.join(downloads, 'hang-evidence-1', 'nested', 'result.json'), '{}')
      const merged = await merge([downloads], { comment: 'never' })
      expect(merged.outputs.verdict).toBe('hung')
      expect(
        routesOf(merged)
          .map(r => r.path)
          .sort()
      ).toEqual(TWELVE)
    } finally {
      fs.rmSync(downloads, { recursive: true, force: true })
    }
  })

  it('refuses a file that is not a result of ours, naming the input and what it expected', async () => {
    github.reset()
    const merged = await merge([path.join(repoRoot, 'package.json')])
    expect(merged.code).toBe(1)
    expect(errors(merged)).toEqual([
      'merge-results: package.json is not a result file of backend-hang-debug: it has no "format": "backend-hang-debug/result@1"; give the result.json files the runs wrote (their result-path output), or the folders holding them.'
    ])
    expect(github.commentsOn(50)).toHaveLength(0)
  })
})
