// `npm run build`: the two bundles. dist/index.js is the action (main and
// post); dist/cli.js is the command line. Both come from the same modules;
// the command line has no runtime dependencies (ws is bundled in), so it is one file.

import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ncc = path.join(root, 'node_modules/.bin/ncc')
const run = args => execFileSync(ncc, [...args, '--target', 'es2022', '--quiet'], { cwd: root, stdio: 'inherit' })

// ncc adds to dist/ and never removes: start empty, so that a chunk no
// longer built does not stay behind (and check-dist sees it go)
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true })
run(['build', 'src/index.ts', '-o', 'dist', '--license', 'licenses.txt'])

const cliOut = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-build-'))
run(['build', 'src/cli.ts', '-o', cliOut])
const emitted = fs.readdirSync(cliOut).filter(file => file.endsWith('.js'))
if (emitted.join() !== 'index.js')
  throw new Error(`the command line bundle should be one file, got: ${emitted.join(', ')}`)
const cli = path.join(root, 'dist/cli.js')
fs.copyFileSync(path.join(cliOut, 'index.js'), cli)
fs.chmodSync(cli, 0o755)
fs.rmSync(cliOut, { recursive: true, force: true })
for (const file of ['index.js', 'cli.js'])
  console.log(`${(fs.statSync(path.join(root, 'dist', file)).size / 1024).toFixed(0)} kB  dist/${file}`)
