/**
 * Kept for the modules that write `import type { ErrorEntry } from './catalogue'`: the
 * registry is ./registry.ts, the core's own entries ./general.ts, the assembly src/app-errors.ts.
 */
export type { ErrorCode, ErrorEntry } from './registry';
