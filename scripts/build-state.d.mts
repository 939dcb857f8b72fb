// Types for scripts/build-state.mjs, which TypeScript code (tests, benchmarks) imports.
export function builtEntries(repoRoot: string): string[];
export function buildIsStale(repoRoot: string): boolean;
