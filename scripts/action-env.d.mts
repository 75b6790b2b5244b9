export declare function actionDefaults(): Record<string, string>
export declare function inputEnvironment(inputs: Record<string, string>): Record<string, string>
export declare function freePort(): Promise<number>
export declare function readOutputs(file: string): Record<string, string>
