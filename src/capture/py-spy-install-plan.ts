// What the action installs when the runner has no py-spy, and how: the
// version pinned in py-spy-pins.json, checked against the sha256 of its wheel
// for this platform with `pip install --require-hashes`, so that pip refuses
// any other file. A platform without a verified hash, or another version
// asked for with the py-spy-version input, is installed without the check,
// and says so. Pure, but for reading a pins file a maintainer points at.

import * as fs from 'node:fs'
import bundledPins from './py-spy-pins.json' with { type: 'json' }

export interface PySpyWheelPin {
  /** the wheel's platform: manylinux_x86_64, manylinux_aarch64, musllinux_x86_64, ... */
  platform: string
  file: string
  sha256: string
}

export interface PySpyPins {
  version: string
  wheels: PySpyWheelPin[]
}

/**
 * Set to the path of another pins file to try new pins before committing
 * them (and, in the tests, to pin a wrong hash on purpose).
 */
export const PINS_FILE_VARIABLE = 'BACKEND_HANG_DEBUG_PY_SPY_PINS'

const SHA256 = /^[0-9a-f]{64}$/

/** Reads and checks a pins file; throws with what is wrong. */
export function parsePins(text: string): PySpyPins {
  const data = JSON.parse(text) as Partial<PySpyPins>
  if (typeof data.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(data.version))
    throw new Error('pins: "version" must be a release such as 0.4.2')
  if (!Array.isArray(data.wheels) || data.wheels.length === 0)
    throw new Error('pins: "wheels" must list at least one wheel')
  for (const wheel of data.wheels) {
    if (
      typeof wheel.platform !== 'string' ||
      typeof wheel.file !== 'string' ||
      !wheel.file.startsWith(`py_spy-${data.version}-`) ||
      !wheel.file.endsWith('.whl')
    ) {
      throw new Error(`pins: each wheel needs a platform and the file name of a py-spy ${data.version} wheel`)
    }
    if (typeof wheel.sha256 !== 'string' || !SHA256.test(wheel.sha256))
      throw new Error(`pins: ${wheel.file} has no sha256 (64 hex digits)`)
  }
  return { version: data.version, wheels: data.wheels }
}

/**
 * The pinned py-spy: the default of the py-spy-version input. The bundled file
 * is checked with parsePins by the unit tests, not at every start: a module
 * that can throw while it loads takes down every module that imports it.
 */
export const PINNED_PY_SPY: PySpyPins = { version: bundledPins.version, wheels: bundledPins.wheels }

/** The pins to install from: the bundled ones, or a file a maintainer points at. */
export function pinsFrom(env: NodeJS.ProcessEnv): PySpyPins {
  const file = env[PINS_FILE_VARIABLE]
  return file ? parsePins(fs.readFileSync(file, 'utf8')) : PINNED_PY_SPY
}

/** This machine's wheel platform, as the pins name it: manylinux_x86_64, musllinux_aarch64, ... */
export function wheelPlatform(arch: string = process.arch, glibc: boolean = hasGlibc()): string {
  const machine = arch === 'x64' ? 'x86_64' : arch === 'arm64' ? 'aarch64' : arch
  return `${glibc ? 'manylinux' : 'musllinux'}_${machine}`
}

function hasGlibc(): boolean {
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header
  return typeof header?.glibcVersionRuntime === 'string'
}

export interface InstallPlan {
  version: string
  /** the requirements file pip installs from */
  requirements: string
  /** the sha256 pip requires, when this version and platform are pinned */
  sha256?: string
  /** why the download is not checked, when it is not: for the log and the report */
  unverified?: string
}

/** What to install for the version asked for (py-spy-version) on this platform. */
export function installPlan(pins: PySpyPins, version: string, platform: string): InstallPlan {
  if (version !== pins.version) {
    return {
      version,
      requirements: `py-spy==${version}\n`,
      unverified: `py-spy ${version} (py-spy-version) is installed from the package index without a hash check: only py-spy ${pins.version} is pinned by its sha256`
    }
  }
  const wheel = pins.wheels.find(w => w.platform === platform)
  if (!wheel) {
    return {
      version,
      requirements: `py-spy==${version}\n`,
      unverified: `py-spy ${version} is installed without a hash check: no sha256 is pinned for ${platform} wheels, only for ${pins.wheels.map(w => w.platform).join(', ')}`
    }
  }
  return { version, requirements: `py-spy==${version} \\\n    --hash=sha256:${wheel.sha256}\n`, sha256: wheel.sha256 }
}

/**
 * pip's arguments for a plan: wheels only, no dependencies, into a folder of
 * the run's own (the user's environments stay untouched, and PEP 668 does not
 * apply), and with --require-hashes when the plan is pinned.
 */
export function pipInstallArgs(plan: InstallPlan, requirementsFile: string, target: string): string[] {
  return [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--no-input',
    '--quiet',
    ...(plan.sha256 ? ['--require-hashes'] : []),
    '--only-binary=:all:',
    '--no-deps',
    '--upgrade',
    '--target',
    target,
    '-r',
    requirementsFile
  ]
}

/** pip's words when a download's hash is not the pinned one. */
export function isHashMismatch(pipOutput: string): boolean {
  return /DO NOT MATCH THE HASHES/i.test(pipOutput)
}
