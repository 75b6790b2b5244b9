// Reads the Linux process table from /proc. The app may fork, re-exec, detach
// into its own session, or leave orphans re-parented to init; these helpers let
// the capture and the cleanup find every process that belongs to the app.

import * as fs from 'node:fs'
import * as path from 'node:path'

export interface ProcessInfo {
  pid: number
  ppid: number
  pgid: number
  /** short name from /proc/<pid>/stat */
  comm: string
  /** the kernel's state letter of its main thread: R running, S sleeping, Z zombie (dead, waiting to be reaped), ... */
  state: string
  /** its threads, the main thread counted until the process is reaped */
  threads: number
}

/**
 * A zombie is already dead, only waiting to be reaped. A main thread that
 * ended before the others shows Z too, yet its other threads still run and
 * still hold its files: a killed server's listening socket stays open until
 * the last of them is gone, which on a busy machine takes a moment.
 */
export function isZombie(p: ProcessInfo): boolean {
  return p.state === 'Z' && p.threads <= 1
}

const PROC = '/proc'

/** Parses /proc/<pid>/stat; the comm field may contain spaces and parentheses. */
function readStat(pid: number): ProcessInfo | undefined {
  let text: string
  try {
    text = fs.readFileSync(`${PROC}/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return undefined
  const rest = text.slice(close + 2).split(' ')
  return {
    pid,
    comm: text.slice(open + 1, close),
    state: rest[0] ?? '',
    ppid: Number(rest[1]),
    pgid: Number(rest[2]),
    // field 20 of stat: num_threads
    threads: Number(rest[17])
  }
}

export function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = []
  for (const entry of fs.readdirSync(PROC)) {
    if (!/^\d+$/.test(entry)) continue
    const info = readStat(Number(entry))
    if (info) processes.push(info)
  }
  return processes
}

/** The kernel's state letter of a process's main thread (R running, S sleeping, ...), or undefined when it is gone. */
export function threadState(pid: number): string | undefined {
  return readStat(pid)?.state
}

/** Sends a signal to a process, or with a negative id to a process group, when it is still there. */
export function sendSignal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal)
  } catch {
    // gone already
  }
}

export function isAlive(pid: number): boolean {
  const info = readStat(pid)
  return info !== undefined && !isZombie(info)
}

/** The root and all its living descendants, parents before children. */
export function processTree(rootPid: number, table: ProcessInfo[] = listProcesses()): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>()
  for (const p of table) {
    const siblings = children.get(p.ppid) ?? []
    siblings.push(p)
    children.set(p.ppid, siblings)
  }
  const tree: ProcessInfo[] = []
  const root = table.find(p => p.pid === rootPid)
  const queue = root ? [root] : []
  while (queue.length > 0) {
    const next = queue.shift() as ProcessInfo
    if (!isZombie(next)) tree.push(next)
    queue.push(...(children.get(next.pid) ?? []))
  }
  return tree
}

/**
 * Living processes whose environment holds `name=value`. The action puts a
 * unique marker in the app's environment; children inherit it, so this finds
 * processes that left the process group or were re-parented after their
 * parent died. Only processes of our own user are readable, which is all we
 * may signal anyway.
 */
export function processesWithEnv(name: string, value: string, table: ProcessInfo[] = listProcesses()): ProcessInfo[] {
  const needle = Buffer.from(`\0${name}=${value}\0`)
  return table.filter(p => {
    if (isZombie(p) || p.pid === process.pid) return false
    try {
      // entries are NUL-separated; a leading NUL lets the first entry match too
      const environ = Buffer.concat([Buffer.from('\0'), fs.readFileSync(`${PROC}/${p.pid}/environ`)])
      return environ.includes(needle)
    } catch {
      return false
    }
  })
}

/** The command line, with arguments separated by spaces. */
export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`${PROC}/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').split('\0').join(' ')
  } catch {
    return ''
  }
}

/** The first element of the command line: for a venv's python, the path inside the venv. */
export function argv0(pid: number): string {
  try {
    return fs.readFileSync(`${PROC}/${pid}/cmdline`, 'utf8').split('\0')[0] ?? ''
  } catch {
    return ''
  }
}

export function workingDirectoryOf(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`${PROC}/${pid}/cwd`)
  } catch {
    return undefined
  }
}

/**
 * True when the process runs a CPython (or PyPy) interpreter. py-spy must be
 * pointed at the interpreter itself: a shell wrapper's pid gives "Failed to
 * find python version".
 */
export function isPythonProcess(pid: number): boolean {
  let exe: string
  try {
    exe = path.basename(fs.readlinkSync(`${PROC}/${pid}/exe`))
  } catch {
    // exe is unreadable for other users' processes; fall back to argv[0]
    exe = path.basename(argv0(pid))
  }
  return /^(python|pypy)(\d+(\.\d+)*)?[a-z]*$/.test(exe)
}

/** False on systems without a Linux /proc (the action supports Linux runners). */
export function isProcAvailable(): boolean {
  return fs.existsSync(`${PROC}/self/stat`)
}

/** Why this machine cannot run the engine (it reads /proc), or undefined when it can. */
export function unsupportedPlatform(
  platform: string = process.platform,
  hasProc: boolean = isProcAvailable()
): string | undefined {
  if (platform === 'linux' && hasProc) return undefined
  return `backend-hang-debug runs on Linux (it reads /proc), e.g. an ubuntu-latest runner; this is ${platform}${platform === 'linux' ? ' without /proc' : ''}.`
}

/** Processes with a TCP socket listening on the port (IPv4 or IPv6), for "port in use" messages. */
export function listenersOnPort(port: number): { pid: number; command: string }[] {
  const inodes = new Set<string>()
  for (const table of ['tcp', 'tcp6']) {
    let text: string
    try {
      text = fs.readFileSync(`${PROC}/net/${table}`, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      const local = fields[1] ?? ''
      // fields: sl local_address rem_address st ... inode (10th); 0A is LISTEN
      if (fields[3] === '0A' && parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port)
        inodes.add(fields[9] ?? '')
    }
  }
  if (inodes.size === 0) return []
  const found: { pid: number; command: string }[] = []
  for (const p of listProcesses()) {
    let fds: string[]
    try {
      fds = fs.readdirSync(`${PROC}/${p.pid}/fd`)
    } catch {
      continue
    }
    const holds = fds.some(fd => {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`${PROC}/${p.pid}/fd/${fd}`))
        return match !== null && inodes.has(match[1] as string)
      } catch {
        return false
      }
    })
    if (holds) found.push({ pid: p.pid, command: commandLine(p.pid) || p.comm })
  }
  return found
}
