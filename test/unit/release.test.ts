// The release helpers on changelog text: the next version, the Unreleased
// section moved under it, the notes the release workflow publishes, and the
// tag check. The real CHANGELOG.md is read, never written.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  majorTag,
  nextVersion,
  parseVersion,
  releaseChangelog,
  releaseNotes,
  versionOfTag,
  versionsIn
} from '../../scripts/release-lib.mjs'
import { repoRoot } from '../support/paths.js'

const BASE = 'https://github.com/o/r'
const changelog = (unreleased: string, more = '') => `# Changelog

Intro text.

## [Unreleased]
${unreleased}
## [0.1.0] - 2026-01-02

### Added

- The first thing.
${more}
[Unreleased]: ${BASE}/compare/v0.1.0...HEAD
[0.1.0]: ${BASE}/releases/tag/v0.1.0
`

describe('nextVersion', () => {
  it('bumps major, minor or patch, resetting the parts after it', () => {
    expect(nextVersion('1.4.2', 'major')).toBe('2.0.0')
    expect(nextVersion('1.4.2', 'minor')).toBe('1.5.0')
    expect(nextVersion('1.4.2', 'patch')).toBe('1.4.3')
    expect(nextVersion('0.9.9', 'minor')).toBe('0.10.0')
  })

  it('takes an explicit version, with or without "v", only when it is newer', () => {
    expect(nextVersion('0.1.0', '0.2.0')).toBe('0.2.0')
    expect(nextVersion('0.1.0', 'v0.1.1')).toBe('0.1.1')
    expect(nextVersion('0.1.0', '1.0.0')).toBe('1.0.0')
    expect(() => nextVersion('0.2.0', '0.2.0')).toThrow('the release must be newer than 0.2.0, got 0.2.0')
    expect(() => nextVersion('0.2.0', '0.1.9')).toThrow('newer than 0.2.0')
    expect(() => nextVersion('1.0.0', '0.99.99')).toThrow('newer than 1.0.0')
    // compared part by part as numbers, not as text
    expect(nextVersion('0.9.0', '0.10.0')).toBe('0.10.0')
  })

  it('names what is wrong with a version it cannot use', () => {
    expect(() => nextVersion('0.1.0', 'next')).toThrow(
      'the release (major, minor, patch or X.Y.Z) must be a version like 1.2.3 (major.minor.patch, no "v", no pre-release), got "next"'
    )
    expect(() => nextVersion('0.1.0', '0.2')).toThrow('got "0.2"')
    expect(() => nextVersion('0.1.0', '0.2.0-rc.1')).toThrow('no pre-release')
    expect(() => nextVersion('0.1.0', '01.2.3')).toThrow('got "01.2.3"')
    expect(() => nextVersion('x', 'minor')).toThrow(`package.json's version must be a version like 1.2.3`)
  })

  it('parses the three numbers', () => {
    expect(parseVersion('10.20.30')).toEqual([10, 20, 30])
  })
})

describe('majorTag and versionOfTag', () => {
  it('the major tag that @vN users follow', () => {
    expect(majorTag('0.2.0')).toBe('v0')
    expect(majorTag('v12.0.3')).toBe('v12')
  })

  it('accepts the tag of package.json version and nothing else', () => {
    expect(versionOfTag('v0.2.0', '0.2.0')).toBe('0.2.0')
    expect(() => versionOfTag('v0.2.1', '0.2.0')).toThrow(
      "the tag v0.2.1 does not match package.json's version 0.2.0; prepare a release with `npm run release -- 0.2.1`"
    )
    expect(() => versionOfTag('0.2.0', '0.2.0')).toThrow('the tag must be a version tag like v1.2.3, got "0.2.0"')
    expect(() => versionOfTag('v0', '0.2.0')).toThrow('the tag "v0" must be a version like 1.2.3')
    expect(() => versionOfTag('main', '0.2.0')).toThrow('version tag like v1.2.3')
  })
})

describe('releaseChangelog', () => {
  it('moves the Unreleased section under the version and date, leaves an empty Unreleased above, and updates the links', () => {
    const text = changelog('\n### Fixed\n\n- A bug.\n')
    const released = releaseChangelog(text, '0.2.0', '2026-11-28')
    expect(released).toBe(`# Changelog

Intro text.

## [Unreleased]

## [0.2.0] - 2026-11-28

### Fixed

- A bug.

## [0.1.0] - 2026-01-02

### Added

- The first thing.

[Unreleased]: ${BASE}/compare/v0.2.0...HEAD
[0.2.0]: ${BASE}/compare/v0.1.0...v0.2.0
[0.1.0]: ${BASE}/releases/tag/v0.1.0
`)
    expect(versionsIn(released)).toEqual(['0.2.0', '0.1.0'])
    // and the next release compares with this one
    const again = releaseChangelog(
      released.replace('## [Unreleased]\n', '## [Unreleased]\n\n- More.\n'),
      '0.3.0',
      '2026-12-01'
    )
    expect(again).toContain(
      `[Unreleased]: ${BASE}/compare/v0.3.0...HEAD\n[0.3.0]: ${BASE}/compare/v0.2.0...v0.3.0\n[0.2.0]: ${BASE}/compare/v0.1.0...v0.2.0\n`
    )
    expect(releaseNotes(again, '0.3.0')).toBe('- More.\n')
    expect(releaseNotes(again, '0.2.0')).toBe('### Fixed\n\n- A bug.\n')
  })

  it('a first release links to its tag', () => {
    const first = `# Changelog\n\n## [Unreleased]\n\n- Everything.\n\n[Unreleased]: ${BASE}/compare/v0.0.0...HEAD\n`
    expect(releaseChangelog(first, '0.1.0', '2026-01-02')).toBe(
      `# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-01-02\n\n- Everything.\n\n[Unreleased]: ${BASE}/compare/v0.1.0...HEAD\n[0.1.0]: ${BASE}/releases/tag/v0.1.0\n`
    )
  })

  it('refuses an empty Unreleased section, a missing one, a version already there and a bad date', () => {
    expect(() => releaseChangelog(changelog('\n'), '0.2.0', '2026-11-28')).toThrow(
      'the Unreleased section of CHANGELOG.md is empty: say what this release changes first'
    )
    expect(() => releaseChangelog('# Changelog\n\n## [0.1.0]\n\n- x\n', '0.2.0', '2026-11-28')).toThrow(
      'CHANGELOG.md has no "## [Unreleased]" section'
    )
    expect(() => releaseChangelog(changelog('\n- x\n'), '0.1.0', '2026-11-28')).toThrow(
      'CHANGELOG.md already has a section for 0.1.0'
    )
    expect(() => releaseChangelog(changelog('\n- x\n'), '0.2.0', '28.11.2026')).toThrow(
      'the date must be YYYY-MM-DD, got "28.11.2026"'
    )
  })

  it('works on the real CHANGELOG.md: all of Unreleased goes under the new version, and the notes are exactly it', () => {
    const text = fs.readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8')
    const unreleased = text
      .slice(text.indexOf('## [Unreleased]') + '## [Unreleased]'.length, text.search(/^## \[\d/m))
      .trim()
    expect(unreleased.length).toBeGreaterThan(0)
    const released = releaseChangelog(text, '9.0.0', '2030-01-01')
    expect(releaseNotes(released, '9.0.0')).toBe(`${unreleased}\n`)
    expect(versionsIn(released).slice(0, 2)).toEqual(['9.0.0', versionsIn(text)[0]])
    expect(released.length).toBeGreaterThan(text.length)
  })
})

describe('releaseNotes', () => {
  it('is the body of one version, up to the next heading or the links', () => {
    const text = changelog('\n- Next.\n')
    expect(releaseNotes(text, '0.1.0')).toBe('### Added\n\n- The first thing.\n')
  })

  it('says what to do when the version has no section', () => {
    expect(() => releaseNotes(changelog('\n- x\n'), '0.2.0')).toThrow(
      'CHANGELOG.md has no section for 0.2.0; prepare the release with `npm run release -- 0.2.0`'
    )
    expect(() => releaseNotes('## [0.2.0] - 2026-01-01\n\n## [0.1.0]\n\n- a\n', '0.2.0')).toThrow(
      'the section for 0.2.0 in CHANGELOG.md is empty'
    )
  })
})
