import type { ChildProcess } from 'node:child_process'

export declare function actionDefaults(): Record<string, string>
export declare function inputEnvironment(inputs: Record<string, string>): Record<string, string>
export declare function freePort(): Promise<number>
export declare function readOutputs(file: string): Record<string, string>
export declare function runBundle(options: {
  workspace: string
  workingDirectory: string
  venvBin: string
  uvicornArgs?: string
  inputs?: Record<string, string>
  onLine?: (line: string, ms: number) => void
  onSpawn?: (child: ChildProcess) => void
}): Promise<{ code: number | null; outputs: Record<string, string>; dir: string; wallMs: number }>
