// How the action gets py-spy and the permission to attach, through the
// bundled action on the hanging example app.

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { PINNED_PY_SPY } from '../../src/capture/py-spy-install-plan.js'
import { TIME_BOUND_VARIABLE } from '../../src/engine/cancellation.js'
import { prepareApp, type FixtureName, type PreparedApp } from '../support/fixture-app.js'
import { fixturesDir, lineOf, repoRoot, venvBin } from '../support/paths.js'
import { runAction, type RunOptions } from '../support/run-action.js'
import { findOnPath } from '../../src/os/executables.js'

const NEWS_STREAM = '/api/news/stream'
const systemPath = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter(dir => !dir.startsWith(path.join(repoRoot, '.venv')))
const realSudo = findOnPath('sudo')
const newsWithLine = lineOf(
  path.join(repoRoot, 'examples/news-app/app/api/routes/stream.py'),
  'with ThreadPoolExecutor('
)

/** Inputs and environment where attaching needs sudo (the fakes in test/fixtures/bin and sudo-bin). */
function refusedWithoutSudo(
  app: PreparedApp,
  extraEnv: Record<string, string> = {}
): Pick<RunOptions, 'inputs' | 'env'> {
  return {
    inputs: {
      ...app.inputs,
      'stream-path': NEWS_STREAM,
      'py-spy': path.join(fixturesDir, 'bin/py-spy-needs-root'),
      comment: 'never',
      cycles: '1'
    },
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
  it("retries with sudo -n and py-spy's absolute path when attaching is refused", async () => {
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
    expect(run.outputs).toMatchObject({
      verdict: 'hung',
      pattern: 'executor-shutdown-wait',
      culprit: `app/api/routes/stream.py:${newsWithLine}`
    })
    expect(run.summary).toMatch(
      /Stacks captured with faulthandler \(py-spy could not take the stacks: py-spy was refused permission to attach .*`sudo -n` failed too \(sudo: a password is required\)\)/
    )
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
      inputs: {
        ...app.inputs,
        'stream-path': NEWS_STREAM,
        'py-spy': path.join(fixturesDir, 'bin/py-spy-hangs'),
        comment: 'never',
        cycles: '1'
      },
      env: app.env
    })
    expect(run.outputs).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait' })
    // the dump's own timeout (5 s), however long the kill took after it
    const waited = Number(
      /Stacks captured with faulthandler \(py-spy could not take the stacks: py-spy dump failed: no answer within (\d+) ms\)/.exec(
        run.summary
      )?.[1]
    )
    expect(waited).toBeGreaterThanOrEqual(5000)
    expect(waited).toBeLessThan(7000)
    // 1 s timeout, 5 s for the hung dump, the app's start and stop: far below the bound of over a minute
    expect(run.ms).toBeLessThan(12_000)
    expect(app.leftoverProcesses()).toEqual([])
  })
})

describe.concurrent(
  'installing py-spy when the runner has none: the pinned version, checked against its sha256',
  () => {
    // the wheel as the package index serves it, in a folder pip installs from with no index at all
    const wheels = fs.mkdtempSync(path.join(os.tmpdir(), 'wheels-'))
    beforeAll(() => {
      execFileSync(
        path.join(venvBin, 'python'),
        [
          '-m',
          'pip',
          'download',
          '--quiet',
          '--no-deps',
          '--only-binary=:all:',
          '-d',
          wheels,
          `py-spy==${PINNED_PY_SPY.version}`
        ],
        {
          stdio: ['ignore', 'ignore', 'inherit']
        }
      )
    }, 120_000)

    /** Runs the hanging example (or `name`) where only pip can provide py-spy, from the wheels folder. */
    async function runWithoutPySpy(
      inputs: Record<string, string> = {},
      env: Record<string, string> = {},
      name: FixtureName = 'news-app'
    ) {
      const app = await prepareApp(name)
      const lib = path.join(repoRoot, '.venv/lib')
      const sitePackages = path.join(
        lib,
        fs.readdirSync(lib).find(d => d.startsWith('python3')) as string,
        'site-packages'
      )
      const run = await runAction({
        inputs: {
          ...app.inputs,
          // the app's packages without its venv (and its py-spy) on PATH; the action's PYTHONPATH (the faulthandler hook) is kept
          'start-command': `PYTHONPATH=${sitePackages}:$PYTHONPATH python3 -m uvicorn app.main:app --host 127.0.0.1 --port ${app.port}`,
          'stream-path': NEWS_STREAM,
          comment: 'never',
          cycles: '1',
          // the install runs while the probe waits
          'health-timeout': '4s',
          ...inputs
        },
        env: { ...app.env, PATH: systemPath.join(path.delimiter), PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels, ...env }
      })
      expect(app.leftoverProcesses()).toEqual([])
      return run
    }

    /**
     * Runs `run` with pip pointed at a package index that takes the connection
     * and never answers, given the environment that does so: pip would wait
     * its whole timeout (600 s).
     */
    async function withSilentIndex<T>(run: (pipEnv: Record<string, string>) => Promise<T>): Promise<T> {
      const silent = net.createServer(() => {})
      await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
      try {
        const { port } = silent.address() as net.AddressInfo
        return await run({ PIP_FIND_LINKS: `http://127.0.0.1:${port}/`, PIP_DEFAULT_TIMEOUT: '600', PIP_RETRIES: '0' })
      } finally {
        silent.close()
      }
    }

    it('does not wait for an install a healthy run no longer needs: pip is stopped, and nothing of it is left', async () => {
      const run = await withSilentIndex(pipEnv => runWithoutPySpy({ 'min-watch': '0' }, pipEnv, 'news-app-fixed'))
      expect(run.outputs.verdict, run.stdout).toBe('healthy')
      expect(run.stdout).toMatch(/py-spy is not installed; installing py-spy/)
      expect(run.stdout).toContain('Stopped the py-spy install: the run is over without needing it')
      // and the step ended long before pip's 600 s timeout (runWithoutPySpy found no process left)
      expect(run.ms).toBeLessThan(30_000)
    })

    it('kills an install still running when the watchdog ends the run: no pip outlives the step', async () => {
      // the hang takes 30 s to be called one: the bound of 4 s is overrun while pip waits on the index
      const run = await withSilentIndex(pipEnv =>
        runWithoutPySpy({ 'health-timeout': '30s' }, { ...pipEnv, [TIME_BOUND_VARIABLE]: '4000' })
      )
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/py-spy is not installed; installing py-spy/)
      expect(run.annotations.find(a => a.level === 'error')?.message).toMatch(/did not finish within 4s/)
      // runWithoutPySpy found no process of the run left, pip's among them
    })

    it('the pin is the sha256 of the wheel the package index serves', () => {
      const [file] = fs.readdirSync(wheels)
      const pin = PINNED_PY_SPY.wheels.find(w => w.file === file)
      expect(pin, `${file} is not pinned`).toBeDefined()
      expect(
        createHash('sha256')
          .update(fs.readFileSync(path.join(wheels, file as string)))
          .digest('hex')
      ).toBe(pin?.sha256)
    })

    it('installs exactly the pinned py-spy into RUNNER_TEMP, hash-checked, and takes the stacks with it', async () => {
      const run = await runWithoutPySpy()
      expect(run.outputs, run.stdout).toMatchObject({
        verdict: 'hung',
        pattern: 'executor-shutdown-wait',
        culprit: `app/api/routes/stream.py:${newsWithLine}`
      })
      expect(run.stdout).toMatch(
        new RegExp(
          `py-spy is not installed; installing py-spy ${PINNED_PY_SPY.version} \\(pinned, sha256-checked\\) with \\S+ -m pip into \\S+runner-temp`
        )
      )
      expect(run.summary).toMatch(
        new RegExp(
          `Stacks captured with py-spy ${PINNED_PY_SPY.version.replaceAll('.', '\\.')} \\(\\S+runner-temp\\S+py-spy/bin/py-spy, installed with pip into \\S+, pinned, sha256-checked\\)`
        )
      )
      expect(run.annotations.filter(a => a.level === 'warning' && /hash/.test(a.message))).toEqual([])
    })

    it('refuses a download whose hash is not the pinned one, says so in the log and the report, and falls back to faulthandler', async () => {
      const pins = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pins-')), 'pins.json')
      fs.writeFileSync(
        pins,
        JSON.stringify({ ...PINNED_PY_SPY, wheels: PINNED_PY_SPY.wheels.map(w => ({ ...w, sha256: '0'.repeat(64) })) })
      )
      const run = await runWithoutPySpy({}, { BACKEND_HANG_DEBUG_PY_SPY_PINS: pins })
      expect(run.outputs, run.stdout).toMatchObject({
        verdict: 'hung',
        pattern: 'executor-shutdown-wait',
        culprit: `app/api/routes/stream.py:${newsWithLine}`
      })
      const refused = `pip refused the py-spy ${PINNED_PY_SPY.version} download: its sha256 is not the pinned ${'0'.repeat(64)}, so it was not installed and never ran`
      expect(run.annotations.filter(a => a.level === 'warning').map(a => a.message)).toContain(refused)
      expect(run.summary).toContain(`- ${refused}`)
      expect(run.summary).toContain(`Stacks captured with faulthandler (${refused})`)
      expect(fs.existsSync(path.join(run.outputs['evidence-dir'] as string, '../scratch/py-spy/bin/py-spy'))).toBe(
        false
      )
    })

    it('installs another py-spy-version without the hash check, and warns in the log and the report', async () => {
      const run = await runWithoutPySpy({ 'py-spy-version': '0.3.14' })
      const unchecked = `py-spy 0.3.14 (py-spy-version) is installed from the package index without a hash check: only py-spy ${PINNED_PY_SPY.version} is pinned by its sha256`
      expect(run.annotations.filter(a => a.level === 'warning').map(a => a.message)).toContain(unchecked)
      expect(run.summary).toContain(`- ${unchecked}`)
      expect(run.stdout).toContain('installing py-spy 0.3.14 (without a hash check)')
      // the folder holds only the pinned version: pip finds no 0.3.14, and faulthandler takes the stacks;
      // whether pip has given up by the first sample depends on the machine's load, and either is said
      expect(run.outputs).toMatchObject({ verdict: 'hung', pattern: 'executor-shutdown-wait' })
      expect(run.summary).toMatch(
        /Stacks captured with faulthandler \(py-spy (is not on PATH and could not be installed|was still being looked for or installed)/
      )
    })
  }
)
