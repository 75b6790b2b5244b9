export declare const venvDir: string
export declare const venvBin: string
export declare function ensurePythonEnv(options?: { quiet?: boolean }): string
