/** Types of plan.mjs (the pure decisions of `pnpm setup:native`), for the TypeScript test in test/. */
export declare const TFJS_NODE_LIBTENSORFLOW: string;
export declare const GYP_RPATH: string;
export declare function parseVersion(version: string): [number, number, number] | undefined;
export declare function compareVersions(a: string, b: string): number;
export declare function isCompatibleVersion(version: string, minimum?: string): boolean;
export declare function chooseVersion(versions: readonly string[], minimum?: string): string | undefined;
export declare function wheelVersion(fileName: string): string | undefined;
export declare function chooseWheel(
  fileNames: readonly string[],
  minimum?: string,
): { version: string; file: string } | undefined;
export declare function napiBuildVersion(supported: readonly number[], nodeNapi: number): number | undefined;
export interface NativePaths {
  native: string;
  libtensorflow: string;
  lib: string;
  include: string;
  stamp: string;
  cachedBinding: string;
  installedBinding: string;
}
export declare function nativePaths(options: {
  cacheDir: string;
  tfjsNodeDir: string;
  tfjsNodeVersion: string;
  tfVersion: string;
  napi: number;
}): NativePaths;
export declare function patchBindingGyp(text: string, libDir: string): string;
export declare function missingSymbols(
  undefinedLines: readonly string[],
  definedLines: readonly string[],
): string[];
