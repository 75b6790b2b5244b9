// The pinned py-spy: the pins file, and the pip command line made from it.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { INPUT_DEFAULTS } from '../../src/inputs/inputs.js'
import * as os from 'node:os'
import {
  installPlan,
  isHashMismatch,
  parsePins,
  pinsFrom,
  PINS_FILE_VARIABLE,
  pipInstallArgs,
  PINNED_PY_SPY,
  wheelPlatform
} from '../../src/capture/py-spy-install-plan.js'
import { locatePySpy, PySpySupply, type PySpySearch } from '../../src/capture/py-spy-locate.js'
import { actionDefaults } from '../../scripts/action-env.mjs'
import { repoRoot } from '../support/paths.js'

const pinsText = fs.readFileSync(path.join(repoRoot, 'src/capture/py-spy-pins.json'), 'utf8')

describe('src/capture/py-spy-pins.json', () => {
  it('parses, and every wheel it names has a sha256', () => {
    const pins = parsePins(pinsText)
    expect(pins).toEqual(PINNED_PY_SPY)
    expect(pins.wheels.length).toBeGreaterThanOrEqual(1)
    for (const wheel of pins.wheels) {
      expect(wheel.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(wheel.file.startsWith(`py_spy-${pins.version}-`)).toBe(true)
    }
  })

  it('pins the wheel GitHub-hosted runners need: manylinux x86_64', () => {
    const wheel = PINNED_PY_SPY.wheels.find(w => w.platform === 'manylinux_x86_64')
    expect(wheel?.file).toMatch(/manylinux.*x86_64\.whl$/)
  })

  it('is the default of the py-spy-version input, in action.yml and on the command line', () => {
    expect(actionDefaults()['py-spy-version']).toBe(PINNED_PY_SPY.version)
    expect(INPUT_DEFAULTS['py-spy-version']).toBe(PINNED_PY_SPY.version)
  })

  it('rejects a pin without a hash, a short hash, or a wheel of another version', () => {
    const wheel = {
      platform: 'manylinux_x86_64',
      file: 'py_spy-1.0.0-py2.py3-none-manylinux1_x86_64.whl',
      sha256: 'a'.repeat(64)
    }
    expect(() => parsePins(JSON.stringify({ version: '1.0.0', wheels: [{ ...wheel, sha256: undefined }] }))).toThrow(
      'has no sha256'
    )
    expect(() => parsePins(JSON.stringify({ version: '1.0.0', wheels: [{ ...wheel, sha256: 'abc' }] }))).toThrow(
      'has no sha256'
    )
    expect(() => parsePins(JSON.stringify({ version: '1.0.1', wheels: [wheel] }))).toThrow('py-spy 1.0.1 wheel')
    expect(() => parsePins(JSON.stringify({ version: '1.0.0', wheels: [] }))).toThrow('at least one wheel')
  })
})

describe('installPlan and pipInstallArgs', () => {
  const pinned = PINNED_PY_SPY.wheels[0] as { sha256: string }

  it("installs the pinned version with --require-hashes, wheels only, no dependencies, into the run's folder", () => {
    const plan = installPlan(PINNED_PY_SPY, PINNED_PY_SPY.version, 'manylinux_x86_64')
    expect(plan).toEqual({
      version: PINNED_PY_SPY.version,
      requirements: `py-spy==${PINNED_PY_SPY.version} \\\n    --hash=sha256:${pinned.sha256}\n`,
      sha256: pinned.sha256
    })
    expect(pipInstallArgs(plan, '/tmp/run/req.txt', '/tmp/run/py-spy')).toEqual([
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--quiet',
      '--require-hashes',
      '--only-binary=:all:',
      '--no-deps',
      '--upgrade',
      '--target',
      '/tmp/run/py-spy',
      '-r',
      '/tmp/run/req.txt'
    ])
  })

  it('installs another version asked for without a hash check, and says so', () => {
    const plan = installPlan(PINNED_PY_SPY, '0.3.14', 'manylinux_x86_64')
    expect(plan.requirements).toBe('py-spy==0.3.14\n')
    expect(plan.sha256).toBeUndefined()
    expect(plan.unverified).toBe(
      `py-spy 0.3.14 (py-spy-version) is installed from the package index without a hash check: only py-spy ${PINNED_PY_SPY.version} is pinned by its sha256`
    )
    expect(pipInstallArgs(plan, 'r.txt', 't')).not.toContain('--require-hashes')
  })

  it('installs the pinned version unchecked, and says so, on a platform without a verified hash', () => {
    const plan = installPlan(PINNED_PY_SPY, PINNED_PY_SPY.version, 'musllinux_aarch64')
    expect(plan.sha256).toBeUndefined()
    expect(plan.unverified).toMatch(
      /^py-spy \S+ is installed without a hash check: no sha256 is pinned for musllinux_aarch64 wheels, only for manylinux_x86_64/
    )
  })

  it('names the platform as the pins do', () => {
    expect(wheelPlatform('x64', true)).toBe('manylinux_x86_64')
    expect(wheelPlatform('arm64', true)).toBe('manylinux_aarch64')
    expect(wheelPlatform('x64', false)).toBe('musllinux_x86_64')
  })

  it("recognises pip's refusal of a file whose hash is not the pinned one", () => {
    expect(
      isHashMismatch('ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated')
    ).toBe(true)
    expect(isHashMismatch('ERROR: No matching distribution found for py-spy==9.9.9')).toBe(false)
  })
})

describe('parsePins, message for message', () => {
  const wheel = {
    platform: 'manylinux_x86_64',
    file: 'py_spy-1.0.0-py2.py3-none-manylinux1_x86_64.whl',
    sha256: 'a'.repeat(64)
  }
  const pins = (doc: unknown) => () => parsePins(JSON.stringify(doc))
  const VERSION = 'pins: "version" must be a release such as 0.4.2'
  const WHEEL = 'pins: each wheel needs a platform and the file name of a py-spy 1.0.0 wheel'
  const HASH = `pins: ${wheel.file} has no sha256 (64 hex digits)`

  it.each([
    [{ wheels: [wheel] }, VERSION],
    [{ version: 100, wheels: [wheel] }, VERSION],
    [{ version: '1.0', wheels: [wheel] }, VERSION],
    [{ version: 'v1.0.0', wheels: [wheel] }, VERSION],
    [{ version: '1.0.0rc1', wheels: [wheel] }, VERSION],
    [{ version: 'a.0.0', wheels: [wheel] }, VERSION],
    [{ version: '1.a.0', wheels: [wheel] }, VERSION],
    [{ version: '1.0.a', wheels: [wheel] }, VERSION],
    [{ version: '1.0.0' }, 'pins: "wheels" must list at least one wheel'],
    [{ version: '1.0.0', wheels: {} }, 'pins: "wheels" must list at least one wheel'],
    [{ version: '1.0.0', wheels: [] }, 'pins: "wheels" must list at least one wheel'],
    [{ version: '1.0.0', wheels: [{ ...wheel, platform: 1 }] }, WHEEL],
    [{ version: '1.0.0', wheels: [{ ...wheel, file: undefined }] }, WHEEL],
    [{ version: '1.0.0', wheels: [{ ...wheel, file: 'py_spy-1.0.0-py2.py3-none-manylinux1_x86_64.tar.gz' }] }, WHEEL],
    [{ version: '1.0.0', wheels: [{ ...wheel, file: 'x-py_spy-1.0.0-.whl' }] }, WHEEL],
    [{ version: '1.0.0', wheels: [{ ...wheel, sha256: 1 }] }, HASH],
    [{ version: '1.0.0', wheels: [{ ...wheel, sha256: 'A'.repeat(64) }] }, HASH],
    [{ version: '1.0.0', wheels: [{ ...wheel, sha256: 'a'.repeat(65) }] }, HASH],
    [{ version: '1.0.0', wheels: [{ ...wheel, sha256: ` ${'a'.repeat(64)}` }] }, HASH],
    [{ version: '1.0.0', wheels: [{ ...wheel, sha256: 'g'.repeat(64) }] }, HASH]
  ])('%j', (doc, message) => {
    expect(pins(doc)).toThrow(new Error(message))
  })

  it('accepts a release of several digits and every wheel, and keeps nothing else', () => {
    const other = {
      platform: 'musllinux_x86_64',
      file: 'py_spy-10.20.30-py2.py3-none-musllinux_1_1_x86_64.whl',
      sha256: '0123456789abcdef'.repeat(4)
    }
    expect(parsePins(JSON.stringify({ version: '10.20.30', wheels: [other], note: 'x' }))).toEqual({
      version: '10.20.30',
      wheels: [other]
    })
  })

  it('reads the pins a maintainer points at, or else the bundled ones', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pins-')), 'pins.json')
    fs.writeFileSync(file, JSON.stringify({ version: '1.0.0', wheels: [wheel] }))
    expect(PINS_FILE_VARIABLE).toBe('BACKEND_HANG_DEBUG_PY_SPY_PINS')
    expect(pinsFrom({ BACKEND_HANG_DEBUG_PY_SPY_PINS: file })).toEqual({ version: '1.0.0', wheels: [wheel] })
    expect(pinsFrom({})).toBe(PINNED_PY_SPY)
    expect(pinsFrom({ BACKEND_HANG_DEBUG_PY_SPY_PINS: '' })).toBe(PINNED_PY_SPY)
  })

  it("names this machine's platform, and others as Node names them", () => {
    // this machine, as the CI runners: glibc Linux on x86_64
    expect(wheelPlatform()).toBe(`manylinux_${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}`)
    expect(wheelPlatform('arm64', false)).toBe('musllinux_aarch64')
    expect(wheelPlatform('riscv64', true)).toBe('manylinux_riscv64')
  })

  it('gives pip no --require-hashes for an unpinned version, and the same arguments otherwise', () => {
    expect(pipInstallArgs(installPlan(PINNED_PY_SPY, '0.3.14', 'manylinux_x86_64'), 'r.txt', 't')).toEqual([
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--quiet',
      '--only-binary=:all:',
      '--no-deps',
      '--upgrade',
      '--target',
      't',
      '-r',
      'r.txt'
    ])
    const musl = installPlan(PINNED_PY_SPY, PINNED_PY_SPY.version, 'musllinux_aarch64')
    expect(musl).toEqual({
      version: PINNED_PY_SPY.version,
      requirements: `py-spy==${PINNED_PY_SPY.version}\n`,
      unverified: `py-spy ${PINNED_PY_SPY.version} is installed without a hash check: no sha256 is pinned for musllinux_aarch64 wheels, only for ${PINNED_PY_SPY.wheels.map(w => w.platform).join(', ')}`
    })
  })
})

describe('locatePySpy: PATH at once, the app only when PATH has none', () => {
  const silent = { info: () => {}, warning: () => {}, debug: () => {} }
  const install = { pins: PINNED_PY_SPY, version: PINNED_PY_SPY.version }
  const noWarning = (message: string): never => {
    throw new Error(`unexpected warning: ${message}`)
  }
  /** A search with py-spy: auto that installs the pinned version into `installDir`. */
  const search = (installDir: string, more: Partial<PySpySearch> = {}): PySpySearch => ({
    setting: { mode: 'auto' },
    install,
    installDir,
    logger: silent,
    warn: noWarning,
    ...more
  })

  /** A directory of its own with an executable shell script `name`. */
  function executable(name: string, script: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fake-${name}-`))
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 })
    return dir
  }
  const fakePySpy = (output: string): string => executable('py-spy', `echo '${output}'`)

  async function withPath<T>(dirs: string[], run: () => Promise<T>): Promise<T> {
    const saved = process.env.PATH
    process.env.PATH = dirs.join(path.delimiter)
    try {
      return await run()
    } finally {
      process.env.PATH = saved
    }
  }

  it("takes a py-spy on PATH without asking for the app's interpreters", async () => {
    const onPath = fakePySpy('py-spy 9.8.7')
    let asked = 0
    const lookup = await withPath([onPath, '/usr/bin', '/bin'], () =>
      locatePySpy(search(onPath), async () => (asked++, []))
    )
    expect(lookup).toEqual({ tool: { path: path.join(onPath, 'py-spy'), version: '9.8.7', origin: 'found on PATH' } })
    expect(asked).toBe(0)
  })

  it("looks in the app's environment next, and installs nothing for an app that never came up", async () => {
    const venvBin = fakePySpy('py-spy 1.2.3')
    const installDir = fs.mkdtempSync(path.join(os.tmpdir(), 'py-spy-install-'))
    const inVenv = await withPath(['/nonexistent'], () =>
      locatePySpy(search(installDir), async () => [path.join(venvBin, 'python')])
    )
    expect(inVenv).toEqual({
      tool: { path: path.join(venvBin, 'py-spy'), version: '1.2.3', origin: "found in the app's environment" }
    })
    const neverUp = await withPath(['/nonexistent'], () => locatePySpy(search(installDir), async () => undefined))
    expect(neverUp).toEqual({ unavailable: 'the app did not come up, so there was nothing to find py-spy for' })
    expect(fs.readdirSync(installDir)).toEqual([])
  })

  it('says an unchecked install as it begins, not when pip is done: a report may be written before', async () => {
    // a Python whose pip takes its time and then fails, as one that finds no such version
    const slowPython = executable('python', '/bin/sleep 0.3\necho "No matching distribution" >&2\nexit 1')
    const installDir = fs.mkdtempSync(path.join(os.tmpdir(), 'py-spy-install-'))
    const heard: string[] = []
    let settled = false
    const lookup = withPath(['/nonexistent'], () =>
      locatePySpy(
        search(installDir, {
          install: { pins: PINNED_PY_SPY, version: '0.3.14' },
          warn: message => heard.push(settled ? `after: ${message}` : message)
        }),
        async () => [path.join(slowPython, 'python')]
      )
    ).finally(() => (settled = true))
    // the warning's arrival, not a fixed wait: heard before the lookup settles, or marked as after it
    while (heard.length === 0 && !settled) await new Promise(resolve => setTimeout(resolve, 5))
    const unchecked = `py-spy 0.3.14 (py-spy-version) is installed from the package index without a hash check: only py-spy ${PINNED_PY_SPY.version} is pinned by its sha256`
    // pip is still at work, and the warning is already in
    expect(settled).toBe(false)
    expect(heard).toEqual([unchecked])
    expect(await lookup).toEqual({ unavailable: expect.stringContaining('could not be installed') })
    expect(heard).toEqual([unchecked])
  })

  it('stops an install still running when the run is over, with what pip started, and finds it once for all', async () => {
    // a Python whose pip waits on an index that never answers, through a child of its own
    const pids = fs.mkdtempSync(path.join(os.tmpdir(), 'pip-pids-'))
    const hungPython = executable('python', `echo $$ > ${pids}/pip\n/bin/sleep 300 &\necho $! > ${pids}/child\nwait`)
    const installDir = fs.mkdtempSync(path.join(os.tmpdir(), 'py-spy-install-'))
    const supply = new PySpySupply({ setting: { mode: 'auto' }, install, installDir, logger: silent })
    let asked = 0
    const interpreters = async (): Promise<string[]> => (asked++, [path.join(hungPython, 'python')])
    const lookup = withPath(['/nonexistent'], async () => {
      const first = supply.find(interpreters)
      // a second app of the run (a fix's try) gets the same lookup, not a second pip
      expect(supply.find(interpreters)).toBe(first)
      return first
    })
    const running = (file: string): number | undefined => {
      const pid = Number(fs.existsSync(path.join(pids, file)) ? fs.readFileSync(path.join(pids, file), 'utf8') : NaN)
      return Number.isInteger(pid) && fs.existsSync(`/proc/${pid}`) ? pid : undefined
    }
    while (running('child') === undefined) await new Promise(resolve => setTimeout(resolve, 10))
    const [pip, child] = [running('pip'), running('child')]
    await supply.close()
    expect(await lookup).toEqual({ unavailable: 'the run was over before py-spy was installed' })
    expect(asked).toBe(1)
    // both reaped or killed: a zombie would still have its /proc entry until its parent reaps it
    const alive = (pid: number | undefined): boolean =>
      pid !== undefined && fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
    expect([alive(pip), alive(child)]).toEqual([false, false])
  })
})
