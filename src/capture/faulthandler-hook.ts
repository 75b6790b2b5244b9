// The Python side of the faulthandler capture, the fallback that needs no
// ptrace: a sitecustomize put on the app's PYTHONPATH registers faulthandler
// for one real-time signal in every Python process of the app (also forked
// and spawned workers), each writing to its own file. Sending the signal makes
// the process write every thread's stack there, even while its main thread
// is blocked in C.

import * as fs from 'node:fs'
import * as path from 'node:path'

/**
 * SIGRTMIN + 6 with glibc (and SIGRTMIN + 5 with musl): a real-time signal
 * no web server uses. It is only ever sent to a process that has written its
 * stacks file, i.e. that registered a handler for it; its default action
 * would end the process.
 */
export const STACKS_SIGNAL = 40

const DIR_VARIABLE = 'BACKEND_HANG_DEBUG_STACKS_DIR'
const SIGNAL_VARIABLE = 'BACKEND_HANG_DEBUG_STACKS_SIGNAL'

const SITECUSTOMIZE = `# Put on PYTHONPATH by backend-hang-debug when it starts the app: registers
# faulthandler for one real-time signal, so that the action can ask each of
# the app's Python processes for every thread's stack without ptrace. Each
# process writes to its own file, named by its pid (also after a fork). Then
# runs the sitecustomize this one hides, if there is one, so the app's own
# site customisation keeps working.
import os
import sys


def _backend_hang_debug_register():
    directory = os.environ.get("BACKEND_HANG_DEBUG_STACKS_DIR")
    signal_number = os.environ.get("BACKEND_HANG_DEBUG_STACKS_SIGNAL")
    if not directory or not signal_number:
        return
    import faulthandler

    kept = []

    def register():
        try:
            stacks = open(os.path.join(directory, "stacks-%d.txt" % os.getpid()), "w")
        except OSError:
            return
        kept[:] = [stacks]  # faulthandler keeps only the file descriptor
        faulthandler.register(int(signal_number), file=stacks, all_threads=True, chain=False)

    register()
    os.register_at_fork(after_in_child=register)


def _backend_hang_debug_chain():
    here = os.path.dirname(os.path.abspath(__file__))
    for entry in sys.path:
        folder = os.path.abspath(entry or os.curdir)
        candidate = os.path.join(folder, "sitecustomize.py")
        if folder == here or not os.path.isfile(candidate):
            continue
        import importlib.util

        spec = importlib.util.spec_from_file_location("sitecustomize", candidate)
        module = importlib.util.module_from_spec(spec)
        sys.modules["sitecustomize"] = module
        spec.loader.exec_module(module)
        return


try:
    _backend_hang_debug_register()
except Exception as error:  # never keep the app from starting
    print("backend-hang-debug: faulthandler capture not available: %s" % error, file=sys.stderr)
_backend_hang_debug_chain()
`

export interface FaulthandlerHook {
  /** where each process writes stacks-<pid>.txt */
  stacksDir: string
  /** the variables to add to the app's environment */
  env: Record<string, string>
}

/** Writes the sitecustomize into dir and returns the environment that makes the app load it. */
export function installFaulthandlerHook(dir: string, appEnv: NodeJS.ProcessEnv): FaulthandlerHook {
  const hookDir = path.join(dir, 'python-hook')
  const stacksDir = path.join(dir, 'faulthandler')
  fs.mkdirSync(hookDir, { recursive: true })
  fs.mkdirSync(stacksDir, { recursive: true })
  fs.writeFileSync(path.join(hookDir, 'sitecustomize.py'), SITECUSTOMIZE)
  const existing = appEnv.PYTHONPATH
  return {
    stacksDir,
    env: {
      PYTHONPATH: existing ? `${hookDir}${path.delimiter}${existing}` : hookDir,
      [DIR_VARIABLE]: stacksDir,
      [SIGNAL_VARIABLE]: String(STACKS_SIGNAL)
    }
  }
}

/** The file a registered process writes its stacks to. */
export function stacksFileOf(hook: FaulthandlerHook, pid: number): string {
  return path.join(hook.stacksDir, `stacks-${pid}.txt`)
}
