// How the action gets py-spy and the permission to attach, through the
// bundled action on the hanging example app.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findOnPath } from '../../src/capture.js'
import { prepareApp, type PreparedApp } from '../support/fixture-app.js'
import { fixturesDir, lineOf, repoRoot, venvBin } from '../support/paths.js'
import { runAction, type RunOptions } from '../support/run-action.js'

const NEWS_STREAM = '/api/news/stream'
const systemPath = (process.env.PATH ?? '').split(path.delimiter).filter(dir => !dir.startsWith(path.join(repoRoot, '.venv')))
const realSudo = findOnPath('sudo')
const newsWithLine = lineOf(path.join(repoRoot, 'examples/news-app/app/api/routes/stream.py'), 'with ThreadPoolExecutor(')

/** Inputs and environment where attaching needs sudo (the fakes in test/fixtures/bin and sudo-bin). */
function refusedWithoutSudo(app: PreparedApp, extraEnv: Record<string, string> = {}): Pick<RunOptions, 'inputs' | 'env'> {
  return {
    inputs: { ...app.inputs, 'stream-path': NEWS_STREAM, 'py-spy': path.join(fixturesDir, 'bin/py-spy-needs-root'), comment: 'never', cycles: '1' },
    env: {
      ...app.env,
      PATH: [path.join(fixturesDir, 'sudo-bin'), venvBin, ...systemPath].join(path.delimiter),
      REAL_PY_SPY: path.join(venvBin, 'py-spy'),
      // on a runner that is not root, the fake's "elevated" py-spy still needs the real sudo
      ...(process.getuid?.() !== 0 && realSudo ? { REAL_SUDO: realSudo } : {}),
      ...extraEnv
    }
  }
}

describe('stack capture', () => {
  it('retries with sudo -n and py-spy\'s absolute path when attaching is refused', async () => {
    const app = await prepareApp('news-app')
    const run = await runAction(refusedWithoutSudo(app))
    expect(run.outputs).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait' })
    expect(run.summary).toContain('given as the py-spy input, run with sudo)')
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('falls back to the faulthandler capture when sudo needs a password, and says why', async () => {
    const app = await prepareApp('news-app')
    const run = await runAction(refusedWithoutSudo(app, { FAKE_SUDO_DENY: '1' }))
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait', culprit: `app/api/routes/stream.py:${newsWithLine}` })
    expect(run.summary).toMatch(/Stacks captured with faulthandler \(py-spy could not take the stacks: py-spy was refused permission to attach .*`sudo -n` failed too \(sudo: a password is required\)\)/)
    const text = fs.readFileSync(path.join(run.outputs['evidence-dir'] as string, 'stacks.txt'), 'utf8')
    expect(text).toContain('event_generator (app/api/routes/stream.py:')
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('with capture: py-spy, says plainly that no stacks were captured, and still reports the hang', async () => {
    const app = await prepareApp('news-app')
    const options = refusedWithoutSudo(app, { FAKE_SUDO_DENY: '1' })
    const run = await runAction({ ...options, inputs: { ...options.inputs, capture: 'py-spy' } })
    expect(run.code).toBe(1)
    expect(run.outputs).toMatchObject({ verdict: 'hung', pattern: 'unknown', culprit: '', 'dump-path': '' })
    expect(run.summary).toContain('**No stacks were captured:** py-spy was refused permission to attach')
    expect(run.summary).toContain('`sudo -n` failed too (sudo: a password is required)')
    expect(run.summary).toContain('> 1s (timeout)')
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('gives up on a py-spy that hangs after its dump timeout and uses faulthandler, within the time bound', async () => {
    const app = await prepareApp('news-app')
    const run = await runAction({
      inputs: { ...app.inputs, 'stream-path': NEWS_STREAM, 'py-spy': path.join(fixturesDir, 'bin/py-spy-hangs'), comment: 'never', cycles: '1' },
      env: app.env
    })
    expect(run.outputs).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait' })
    expect(run.summary).toMatch(/Stacks captured with faulthandler \(py-spy could not take the stacks: py-spy dump failed: no answer within 50\d\d ms\)/)
    // 1 s timeout, 5 s for the hung dump, the app's start and stop: far below the bound of over a minute
    expect(run.ms).toBeLessThan(12_000)
    expect(app.leftoverProcesses()).toEqual([])
  })

  it('installs py-spy with pip into RUNNER_TEMP when neither PATH nor the app\'s environment has it', async () => {
    const app = await prepareApp('news-app')
    const lib = path.join(repoRoot, '.venv/lib')
    const sitePackages = path.join(lib, fs.readdirSync(lib).find(d => d.startsWith('python3')) as string, 'site-packages')
    const run = await runAction({
      inputs: {
        ...app.inputs,
        'start-command': `PYTHONPATH=${sitePackages} python3 -m uvicorn app.main:app --host 127.0.0.1 --port ${app.port}`,
        'stream-path': NEWS_STREAM,
        comment: 'never',
        cycles: '1',
        // the install runs while the probe waits; give it time on a slow index
        'health-timeout': '3s'
      },
      env: { ...app.env, PATH: systemPath.join(path.delimiter) }
    })
    expect(run.outputs, run.stdout).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait' })
    expect(run.stdout).toMatch(/py-spy is not installed; installing it with \S+ -m pip into \S+runner-temp/)
    expect(run.summary).toMatch(/, installed with pip into \S+runner-temp\S+py-spy\)/)
    expect(app.leftoverProcesses()).toEqual([])
  })
})
