#!/usr/bin/env node
// The release workflow's first step: `node scripts/release-check.mjs <tag>
// [--notes FILE]`. Fails unless the tag names package.json's version and
// CHANGELOG.md has a section for it; writes that section to FILE (the
// release notes) and `version` and `major` to GITHUB_OUTPUT when set.

import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { majorTag, releaseNotes, versionOfTag } from './release-lib.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

try {
  const argv = process.argv.slice(2)
  const tag = argv[0]
  if (!tag) throw new Error('usage: release-check.mjs <tag> [--notes FILE]')
  const notesFlag = argv.indexOf('--notes')
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
  const version = versionOfTag(tag, manifest.version)
  const notes = releaseNotes(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version)
  if (notesFlag >= 0) fs.writeFileSync(argv[notesFlag + 1], notes)
  const major = majorTag(version)
  if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `version=${version}\nmajor=${major}\n`)
  console.log(
    `${tag} names package.json's version ${version}; its notes have ${notes.split('\n').length - 1} lines; the major tag is ${major}`
  )
} catch (error) {
  console.error(`::error title=Release check::${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
