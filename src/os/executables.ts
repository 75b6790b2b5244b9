// Finding an executable by name: in a directory, or on PATH.

import * as fs from 'node:fs'
import * as path from 'node:path'

export function executableIn(dir: string, name: string): string | undefined {
  const candidate = path.join(dir, name)
  try {
    fs.accessSync(candidate, fs.constants.X_OK)
    return fs.statSync(candidate).isFile() ? candidate : undefined
  } catch {
    return undefined
  }
}

/** Like `which`: the first executable of that name on PATH, as an absolute path. */
export function findOnPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '' || !path.isAbsolute(dir)) continue
    const found = executableIn(dir, name)
    if (found) return found
  }
  return undefined
}
