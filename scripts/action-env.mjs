// The environment the Actions runner gives a JavaScript action: each input as
// INPUT_<NAME> with action.yml's default where the workflow sets none. Used by
// the demo and the end-to-end tests to run dist/ exactly as the runner does.

import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The inputs' defaults from action.yml; expression defaults such as `${{ github.token }}` are left out. */
export function actionDefaults() {
  const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8'))
  const defaults = {}
  for (const [name, input] of Object.entries(action.inputs)) {
    if (input.default !== undefined && !String(input.default).includes('${{')) defaults[name] = String(input.default)
  }
  return defaults
}

/** INPUT_* variables for the given inputs on top of the defaults, named as the runner names them. */
export function inputEnvironment(inputs) {
  const env = {}
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  return env
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** The outputs an action wrote to its GITHUB_OUTPUT file (`name<<delimiter` blocks). */
export function readOutputs(file) {
  return Object.fromEntries([...fs.readFileSync(file, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map(m => [m[1], m[3]]))
}
