import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const fixturesDir = path.join(repoRoot, 'test/fixtures')
export const venvBin = path.join(repoRoot, '.venv/bin')
export const bundlePath = path.join(repoRoot, 'dist/index.js')

/** The 1-based number of the first line of `file` containing `needle`. */
export function lineOf(file: string, needle: string): number {
  const index = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .findIndex(line => line.includes(needle))
  if (index < 0) throw new Error(`${needle} not in ${file}`)
  return index + 1
}
