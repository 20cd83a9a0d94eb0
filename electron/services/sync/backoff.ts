/**
 * When to try the central system again after a failed round: exponential back-off with full jitter
 * (a uniformly random wait up to a ceiling that doubles with each failure, capped), so a hall whose
 * network comes back is not hit by every counter at the same second. A floor keeps a run of unlucky
 * draws from hammering a server that is down.
 */
export const BACKOFF = {
  baseMs: 5_000,
  capMs: 5 * 60_000,
  floorMs: 1_000,
} as const;

/** The ceiling after `failures` failures in a row (1 = the first): base · 2^(failures−1), at most the cap. */
export const backoffCeiling = (failures: number, limits: { baseMs: number; capMs: number } = BACKOFF): number =>
  Math.min(limits.capMs, limits.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));

/** The wait before the next try: uniform in [floor, ceiling]; `random` is in [0, 1). */
export const backoffDelay = (failures: number, random: () => number = Math.random, limits: typeof BACKOFF = BACKOFF): number =>
  Math.max(limits.floorMs, Math.floor(random() * backoffCeiling(failures, limits)));

/** While the server answers, the loop still looks again this often (pull, and lines sealed meanwhile). */
export const STEADY_INTERVAL_MS = 60_000;
