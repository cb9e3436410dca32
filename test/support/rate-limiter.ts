/**
 * Counters in memory for tests and tools: the store of one process that production keeps as the
 * assistant's fallback (src/security/process-rate-limit.ts explains why), under the name tests use.
 */
export { ProcessRateLimiter as MemoryRateLimiter } from '../../src/security/process-rate-limit';
