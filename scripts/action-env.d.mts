export declare function actionDefaults(): Record<string, string>
export declare function inputEnvironment(inputs: Record<string, string>): Record<string, string>
