// The command line as users get it from npm: `npm pack`, the tarball's file
// list, an offline `npm install -g --prefix` of it into a temporary prefix,
// and the installed `backend-hang-debug` run from outside the repository on
// a copy of the example app.

import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { prepareApp } from '../support/fixture-app.js'
import { lineOf, repoRoot, venvBin } from '../support/paths.js'
import { runProgram as run } from '../support/run-program.js'

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string
  version: string
}

describe('the npm package', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-package-'))
  const prefix = path.join(work, 'prefix')
  const installed = path.join(prefix, 'bin', manifest.name)
  let packed: { filename: string; files: { path: string; mode: number }[] }

  beforeAll(async () => {
    const pack = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: repoRoot })
    expect(pack.code, pack.stderr).toBe(0)
    packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0] as typeof packed
    const install = await run(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--offline',
        '--no-audit',
        '--no-fund',
        path.join(work, packed.filename)
      ],
      { cwd: work }
    )
    expect(install.code, install.stderr).toBe(0)
  })

  it('holds the command line, the README, the licence and package.json, and no tests, fixtures or action bundle', () => {
    expect(packed.filename).toBe(`${manifest.name}-${manifest.version}.tgz`)
    expect(packed.files.map(f => f.path).sort()).toEqual(['LICENSE', 'README.md', 'dist/cli.js', 'package.json'])
    // and what npm said is what the tarball holds; the command line is executable
    const listed = execFileSync('tar', ['-tzvf', path.join(work, packed.filename)], { encoding: 'utf8' })
      .trim()
      .split('\n')
    expect(listed.map(line => line.split(/\s+/).at(-1)).sort()).toEqual([
      'package/LICENSE',
      'package/README.md',
      'package/dist/cli.js',
      'package/package.json'
    ])
    expect(listed.find(line => line.endsWith('package/dist/cli.js'))).toMatch(/^-rwxr-xr-x/)
  })

  it('installs as `backend-hang-debug`, which prints its version and its help', async () => {
    expect(fs.realpathSync(installed)).toBe(path.join(prefix, 'lib/node_modules', manifest.name, 'dist/cli.js'))
    const version = await run(installed, ['--version'], { cwd: work })
    expect(version).toEqual({ code: 0, stdout: `backend-hang-debug ${manifest.version}\n`, stderr: '' })
    expect((await run(installed, ['-V'], { cwd: work })).stdout).toBe(`backend-hang-debug ${manifest.version}\n`)
    const help = await run(installed, ['--help'], { cwd: work })
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^backend-hang-debug: find what blocks a FastAPI app's event loop\./)
    expect(help.stdout).toContain('-V, --version               print the version')
    expect(help.stdout).toContain('--stream-path')
    const wrong = await run(installed, ['--cycles', 'many'], { cwd: work })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/cycles/)
  })

  it('diagnoses the example app from outside the repository', async () => {
    const appDir = path.join(work, 'news-app')
    fs.cpSync(path.join(repoRoot, 'examples/news-app'), appDir, { recursive: true })
    const app = await prepareApp('news-app')
    const diagnosis = await run(
      installed,
      [
        '--stream-path',
        '/api/news/stream',
        '--health-timeout',
        '1s',
        '--verify-fix',
        'never',
        '--base-url',
        app.inputs['base-url'] as string,
        '--',
        'uvicorn',
        'app.main:app',
        '--port',
        String(app.port)
      ],
      {
        cwd: appDir,
        env: { ...app.env, GITHUB_WORKSPACE: appDir, PATH: `${venvBin}${path.delimiter}${process.env.PATH ?? ''}` }
      }
    )
    expect(diagnosis.code, diagnosis.stderr).toBe(1)
    expect(diagnosis.stdout).toMatch(/^\nHUNG {2}\/health gave no answer within 1s right after the client disconnected/)
    expect(diagnosis.stdout).toContain('Pattern:    executor-shutdown-wait')
    expect(diagnosis.stdout).toContain(
      `Culprit:    app/api/routes/stream.py:${lineOf(path.join(appDir, 'app/api/routes/stream.py'), 'with ThreadPoolExecutor(')} in event_generator`
    )
    expect(diagnosis.stdout).toContain(`backend-hang-debug ${manifest.version}\n`)
    expect(diagnosis.stderr).toContain(`› Starting the app in ${appDir}: uvicorn app.main:app --port ${app.port}`)
    expect(app.leftoverProcesses()).toEqual([])
  })
})
