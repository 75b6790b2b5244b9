#!/usr/bin/env node
// `npm run release -- <major|minor|patch|X.Y.Z>`: prepares a release in this
// clone. It bumps the version (package.json and its lock), moves the
// Unreleased section of CHANGELOG.md under the new version, rebuilds dist/
// (the report footer names the version), commits and tags vX.Y.Z. It never
// pushes: pushing the tag is the step that publishes, and a person takes it.

import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { nextVersion, releaseChangelog, releaseNotes } from './release-lib.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
const file = name => path.join(root, name)
const readJson = name => JSON.parse(fs.readFileSync(file(name), 'utf8'))
const writeJson = (name, value) => fs.writeFileSync(file(name), `${JSON.stringify(value, null, 2)}\n`)

function main(argv) {
  const wanted = argv.find(arg => !arg.startsWith('--'))
  const dateFlag = argv.indexOf('--date')
  const date = dateFlag >= 0 ? argv[dateFlag + 1] : new Date().toISOString().slice(0, 10)
  if (!wanted) throw new Error('usage: npm run release -- <major|minor|patch|X.Y.Z> [--date YYYY-MM-DD]')

  if (git('status', '--porcelain') !== '')
    throw new Error(
      'the working tree has changes; commit or stash them first, so that the release commit holds only the release'
    )
  const manifest = readJson('package.json')
  const version = nextVersion(manifest.version, wanted)
  const tag = `v${version}`
  if (git('tag', '--list', tag) !== '') throw new Error(`the tag ${tag} exists already`)

  const changelog = releaseChangelog(fs.readFileSync(file('CHANGELOG.md'), 'utf8'), version, date)
  fs.writeFileSync(file('CHANGELOG.md'), changelog)
  manifest.version = version
  writeJson('package.json', manifest)
  if (fs.existsSync(file('package-lock.json'))) {
    const lock = readJson('package-lock.json')
    lock.version = version
    if (lock.packages?.['']) lock.packages[''].version = version
    writeJson('package-lock.json', lock)
  }

  console.log(`Building dist/ for ${version}`)
  execFileSync(process.execPath, [file('scripts/build.mjs')], { cwd: root, stdio: 'inherit' })

  git('add', '--', 'package.json', 'package-lock.json', 'CHANGELOG.md', 'dist')
  git('commit', '--quiet', '-m', `Release ${tag}`)
  git('tag', '--annotate', '--cleanup=verbatim', tag, '-m', `${tag}\n\n${releaseNotes(changelog, version)}`)
  console.log(`\nPrepared ${tag}: commit ${git('rev-parse', '--short', 'HEAD')} "Release ${tag}" and its tag.`)
  console.log(`Nothing was pushed. To publish it: git push origin HEAD ${tag}`)
  console.log(
    'The release workflow then checks the tag, dist/ and the tests, moves the major tag and publishes the notes.'
  )
}

try {
  main(process.argv.slice(2))
} catch (error) {
  console.error(`release: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
