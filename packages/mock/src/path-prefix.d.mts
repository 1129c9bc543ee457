// Types of path-prefix.mjs (plain JavaScript, shared with the generator).
export declare function versionPrefix(paths: string[]): string;
export declare function pathSuffix(path: string, prefix: string): string;
