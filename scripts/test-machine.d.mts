// Types of test-machine.mjs for the TypeScript tests that import it.
export declare const CHROMIUM_ENV: string;
export declare const CHROMIUM_NAMES: readonly string[];
export declare const APT_PACKAGES: readonly string[];
export declare function onPath(name: string, env?: NodeJS.ProcessEnv): string | undefined;
export declare function findChromium(env?: NodeJS.ProcessEnv): { path: string; error?: undefined } | { path?: undefined; error: string };
export declare function hasJapaneseFont(): boolean;
export declare function setupCommand(env?: NodeJS.ProcessEnv): string;
export declare function missing(env?: NodeJS.ProcessEnv): string[];
export declare function setUp(options?: { env?: NodeJS.ProcessEnv; root?: boolean; log?: (line: string) => void }): number;
