// Types for the lint configuration, which the layer test imports.
export declare const LAYERS: string[]
declare const config: unknown[]
export default config
