/** One rate-limit key (migration 0011; see src/security/db-rate-limit.ts): its fixed window and the end of its block (0: none). */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
  blocked_until: number;
}
