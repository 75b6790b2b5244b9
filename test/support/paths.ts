import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const fixturesDir = path.join(repoRoot, 'test/fixtures')
export const venvBin = path.join(repoRoot, '.venv/bin')
export const bundlePath = path.join(repoRoot, 'dist/index.js')
