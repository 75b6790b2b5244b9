export declare function parseVersion(text: string, what?: string): [number, number, number]
export declare function nextVersion(current: string, wanted: string): string
export declare function majorTag(version: string): string
export declare function versionOfTag(tag: string, packageVersion: string): string
export declare function releaseChangelog(text: string, version: string, date: string): string
export declare function releaseNotes(text: string, version: string): string
export declare function versionsIn(text: string): string[]
