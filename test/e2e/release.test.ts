// Cutting a release, on a temporary copy of this repository (never on the
// repository itself): `npm run release` with one version, then the steps of
// .github/workflows/release.yml that run offline, as the runner runs them
// (bash, GITHUB_OUTPUT, RUNNER_TEMP), against a local bare repository as
// origin. `gh` is the one program replaced: a script that records what it
// was asked, since GitHub's releases API is not reachable offline.

import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { versionsIn } from '../../scripts/release-lib.mjs'
import { repoRoot } from '../support/paths.js'
import { runProgram } from '../support/run-program.js'

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.test',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.test'
}

/** A program run with the test's git identity. */
const run = (file: string, args: string[], options: { cwd: string; env?: Record<string, string> }) =>
  runProgram(file, args, { ...options, env: { ...IDENTITY, ...options.env } })

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY } }).trim()

/** This working tree (tracked and new files, not ignored ones) as a fresh repository with one commit and a bare origin. */
function copyOfRepository(): { dir: string; origin: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'))
  const dir = path.join(base, 'backend-hang-debug')
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8'
  })
    .split('\0')
    .filter(Boolean)
  for (const file of files) {
    const from = path.join(repoRoot, file)
    if (!fs.existsSync(from)) continue
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.copyFileSync(from, path.join(dir, file))
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'))
  git(dir, 'init', '--quiet', '--initial-branch', 'main')
  git(dir, 'add', '--all')
  git(dir, 'commit', '--quiet', '--message', 'Before the release')
  const origin = path.join(base, 'origin.git')
  git(base, 'init', '--quiet', '--bare', origin)
  git(dir, 'remote', 'add', 'origin', origin)
  return { dir, origin }
}

interface WorkflowStep {
  id?: string
  name?: string
  if?: string
  run?: string
  env?: Record<string, string>
}

/** A step's `${{ }}` expressions, from what the test gives; an expression it does not know fails the test. */
function resolve(value: string, known: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (!(expression in known)) throw new Error(`the test does not know \${{ ${expression} }}`)
    return known[expression] as string
  })
}

function readOutputs(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(line => line.includes('='))
      .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  )
}

/** A `gh` that appends each call's arguments (and the notes file it was given) to a log; `release view` succeeds once a release was created. */
function fakeGh(dir: string): { bin: string; log: string } {
  const bin = path.join(dir, 'fake-bin')
  const log = path.join(dir, 'gh-calls.log')
  fs.mkdirSync(bin)
  fs.writeFileSync(
    path.join(bin, 'gh'),
    `#!/usr/bin/env bash
printf 'gh %s | GH_REPO=%s GH_TOKEN=%s\\n' "$*" "$GH_REPO" "$GH_TOKEN" >> ${JSON.stringify(log)}
for arg in "$@"; do
  if [ "$previous" = --notes-file ]; then printf 'notes: %s\\n' "$(tr '\\n' '~' < "$arg")" >> ${JSON.stringify(log)}; fi
  previous=$arg
done
if [ "$1 $2" = "release view" ]; then test -f ${JSON.stringify(path.join(dir, 'released'))}; exit; fi
if [ "$1 $2" = "release create" ]; then touch ${JSON.stringify(path.join(dir, 'released'))}; fi
`,
    { mode: 0o755 }
  )
  return { bin, log }
}

describe('a release, on a temporary copy of the repository', () => {
  it(
    '`npm run release -- 0.2.0` makes the version, the changelog section, a fresh dist/, the commit and the tag, and pushes nothing; the workflow moves v0 and publishes the notes',
    { timeout: 240_000 },
    async () => {
      const { dir, origin } = copyOfRepository()
      const before = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }
      const unreleased = fs
        .readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')
        .split('## [Unreleased]')[1]
        ?.split(/^## \[\d/m)[0]
        ?.trim()

      const release = await run('npm', ['run', 'release', '--', '0.2.0', '--date', '2026-11-28'], { cwd: dir })
      expect(release.code, release.stderr).toBe(0)
      expect(release.stdout).toContain('Nothing was pushed. To publish it: git push origin HEAD v0.2.0')

      // the version, in package.json, its lock, and the bundles
      expect(before.version).not.toBe('0.2.0')
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }
      const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as {
        version: string
        packages: Record<string, { version: string }>
      }
      expect([manifest.version, lock.version, lock.packages['']?.version]).toEqual(['0.2.0', '0.2.0', '0.2.0'])
      expect((await run(process.execPath, ['dist/cli.js', '--version'], { cwd: dir })).stdout).toBe(
        'backend-hang-debug 0.2.0\n'
      )
      // the action's bundle carries only the version (as the value of package.json it imports)
      const actionBundle = fs.readFileSync(path.join(dir, 'dist/index.js'), 'utf8')
      expect(actionBundle).toContain('"0.2.0"')
      expect(actionBundle).not.toContain(`"${before.version}"`)

      // the changelog: what was unreleased is now 0.2.0's, under an empty Unreleased
      const changelog = fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')
      expect(changelog).toContain('## [Unreleased]\n\n## [0.2.0] - 2026-11-28\n\n')
      expect(versionsIn(changelog)[0]).toBe('0.2.0')
      expect(
        changelog
          .split('## [0.2.0] - 2026-11-28')[1]
          ?.split(/^## \[\d/m)[0]
          ?.trim()
      ).toBe(unreleased)

      // one commit with all of it, and the tag on it; origin has nothing
      expect(git(dir, 'log', '-1', '--format=%s')).toBe('Release v0.2.0')
      expect(git(dir, 'status', '--porcelain')).toBe('')
      // (the names of the bundle's chunks depend on where node_modules is, and it is a link here)
      const released = git(dir, 'show', '--name-only', '--format=', 'HEAD').split('\n')
      expect(released.filter(file => !file.startsWith('dist/')).sort()).toEqual([
        'CHANGELOG.md',
        'package-lock.json',
        'package.json'
      ])
      expect(released).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/index.js']))
      const commit = git(dir, 'rev-parse', 'HEAD')
      expect(git(dir, 'rev-parse', 'v0.2.0^{commit}')).toBe(commit)
      expect(git(dir, 'tag', '--list', '--format=%(contents)', 'v0.2.0')).toContain('v0.2.0\n\n### Added')
      expect(git(dir, 'ls-remote', origin)).toBe('')

      // the same version again, and a tree with changes, are refused
      const again = await run('npm', ['run', '--silent', 'release', '--', '0.2.0'], { cwd: dir })
      expect(again.code).toBe(1)
      expect(again.stderr).toContain('release: the release must be newer than 0.2.0, got 0.2.0')
      fs.appendFileSync(path.join(dir, 'README.md'), '\nedited\n')
      const dirty = await run('npm', ['run', '--silent', 'release', '--', 'patch'], { cwd: dir })
      expect(dirty.code).toBe(1)
      expect(dirty.stderr).toContain('release: the working tree has changes; commit or stash them first')
      git(dir, 'checkout', '--', 'README.md')

      // a person pushes the branch and the tag; the workflow's steps then run on the tag
      git(dir, 'push', '--quiet', 'origin', 'HEAD', 'v0.2.0')
      const workflow = parse(fs.readFileSync(path.join(dir, '.github/workflows/release.yml'), 'utf8')) as {
        on: { push: { tags: string[] }; release: { types: string[] } }
        jobs: Record<
          string,
          { env?: Record<string, string>; steps?: WorkflowStep[]; uses?: string; needs?: string | string[] }
        >
      }
      expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
      expect(workflow.on.release.types).toEqual(['published'])
      expect(workflow.jobs.test?.uses).toBe('./.github/workflows/ci.yml')
      expect(workflow.jobs.release?.needs).toEqual(['check', 'test'])
      const gh = fakeGh(path.dirname(dir))
      const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'runner-temp-'))
      const runStep = async (step: WorkflowStep, tag: string, outputs: Record<string, string>) => {
        const outputFile = path.join(runnerTemp, `output-${step.id ?? 'step'}`)
        fs.writeFileSync(outputFile, '')
        const known: Record<string, string> = {
          'github.ref_name': tag,
          'github.token': 'ghs_test',
          'github.repository': 'backend-hang-debug/backend-hang-debug',
          ...Object.fromEntries(Object.entries(outputs).map(([name, value]) => [`steps.check.outputs.${name}`, value]))
        }
        const env = Object.fromEntries(
          Object.entries(step.env ?? {}).map(([name, value]) => [name, resolve(value, known)])
        )
        const result = await run('bash', ['-e', '-c', step.run ?? ''], {
          cwd: dir,
          env: {
            ...env,
            GITHUB_REF_NAME: tag,
            GITHUB_SHA: commit,
            GITHUB_OUTPUT: outputFile,
            RUNNER_TEMP: runnerTemp,
            PATH: `${gh.bin}${path.delimiter}${process.env.PATH ?? ''}`
          }
        })
        return { ...result, outputs: readOutputs(outputFile) }
      }

      // the check job refuses a tag that is not package.json's version
      const checkJob = workflow.jobs.check?.steps?.find(s => s.run !== undefined) as WorkflowStep
      const wrongTag = await runStep(checkJob, 'v0.3.0', {})
      expect(wrongTag.code).toBe(1)
      expect(wrongTag.stderr).toContain(
        "::error title=Release check::the tag v0.3.0 does not match package.json's version 0.2.0"
      )
      expect((await runStep(checkJob, 'v0.2.0', {})).code).toBe(0)

      const steps = workflow.jobs.release?.steps ?? []
      const step = (id: string) => steps.find(s => s.id === id) as WorkflowStep
      const check = await runStep(step('check'), 'v0.2.0', {})
      expect(check.code, check.stderr).toBe(0)
      expect(check.outputs).toEqual({ version: '0.2.0', major: 'v0' })
      expect(fs.readFileSync(path.join(runnerTemp, 'release-notes.md'), 'utf8')).toBe(`${unreleased}\n`)

      const move = await runStep(step('move-major'), 'v0.2.0', check.outputs)
      expect(move.code, move.stderr).toBe(0)
      expect(git(dir, 'ls-remote', '--tags', origin, 'refs/tags/v0')).toBe(`${commit}\trefs/tags/v0`)

      // created the first time, updated the second; the notes are the changelog's
      for (let i = 0; i < 2; i++) expect((await runStep(step('publish'), 'v0.2.0', check.outputs)).code).toBe(0)
      const calls = fs.readFileSync(gh.log, 'utf8').split('\n')
      const notesLine = `notes: ${unreleased?.replaceAll('\n', '~')}~`
      expect(calls.filter(line => line.startsWith('gh '))).toEqual([
        'gh release view v0.2.0 | GH_REPO=backend-hang-debug/backend-hang-debug GH_TOKEN=ghs_test',
        `gh release create v0.2.0 --verify-tag --title v0.2.0 --notes-file ${runnerTemp}/release-notes.md | GH_REPO=backend-hang-debug/backend-hang-debug GH_TOKEN=ghs_test`,
        'gh release view v0.2.0 | GH_REPO=backend-hang-debug/backend-hang-debug GH_TOKEN=ghs_test',
        `gh release edit v0.2.0 --notes-file ${runnerTemp}/release-notes.md | GH_REPO=backend-hang-debug/backend-hang-debug GH_TOKEN=ghs_test`
      ])
      expect(calls.filter(line => line.startsWith('notes: '))).toEqual([notesLine, notesLine])

      // publishing to npm needs the NPM_TOKEN secret: without it the step is skipped
      const npmStep = steps.find(s => s.run?.includes('npm publish')) as WorkflowStep
      expect(npmStep.if).toBe("env.NODE_AUTH_TOKEN != ''")
      expect(workflow.jobs.release?.env?.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}')
    }
  )
})
