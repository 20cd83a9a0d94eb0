import { describe, expect, it } from 'vitest';
import { BACKOFF, backoffCeiling, backoffDelay } from '../../electron/services/sync/backoff';
import { planBatch, TARGET_BATCH_BYTES, type PlannedLine } from '../../electron/services/sync/push-batches';
import type { LedgerEntry } from '../../electron/services/archive-ledger';
import { measuredClockSkew } from '../../electron/services/sync/clock-skew';
import { PUSH_LIMITS } from '../../shared/sync/push';

/** The pure parts of the sync loop: when to try again, how much goes in a batch, how far the clocks are apart. */
describe('back-off after failures', () => {
  it('grows from 5 s by doubling and is capped at 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((failures) => backoffCeiling(failures))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000, 300_000]);
  });

  it('draws the wait uniformly up to the ceiling (full jitter), never below the floor nor above the cap', () => {
    expect(backoffDelay(3, () => 0.5)).toBe(10_000);
    expect(backoffDelay(3, () => 0.999_999)).toBe(19_999);
    expect(backoffDelay(3, () => 0)).toBe(BACKOFF.floorMs);
    expect(backoffDelay(50, () => 0.999_999)).toBeLessThanOrEqual(BACKOFF.capMs);
    // With a real random source: spread over the range, not one value.
    const draws = Array.from({ length: 400 }, () => backoffDelay(6));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(BACKOFF.floorMs);
    expect(Math.max(...draws)).toBeLessThanOrEqual(160_000);
    expect(new Set(draws.map((delay) => Math.floor(delay / 16_000))).size).toBeGreaterThanOrEqual(8);
  });
});

const line = (seq: number, bytes: number, signed = true): PlannedLine => ({
  entry: { seq, kind: 'letter', caseNumber: `C01-20261128-${String(seq).padStart(4, '0')}`, bytes, ...(signed ? { sig: 'ab' } : {}) } as unknown as LedgerEntry,
  text: `{"seq":${seq},"padding":"${'x'.repeat(500)}"}`,
});
const lines = (count: number, bytes = 1_000) => Array.from({ length: count }, (_, i) => line(i + 1, bytes));

describe('batches', () => {
  it('holds at most PUSH_LIMITS’ lines', () => {
    expect(planBatch(lines(1_200, 10), [])).toEqual({ ledger: PUSH_LIMITS.maxLedgerLines, audit: 0, waitingForSignedLine: false });
    expect(planBatch([], Array.from({ length: 5_000 }, () => '{"seq":1}')).audit).toBe(PUSH_LIMITS.maxAuditLines);
  });

  it('keeps a body near 8 MB: 300 KB letters go a few dozen at a time, a large file alone', () => {
    const plan = planBatch(lines(100, 300_000), []);
    expect(plan.ledger).toBeGreaterThan(15);
    expect(plan.ledger).toBeLessThan(30);
    expect(plan.ledger * 400_000).toBeLessThanOrEqual(TARGET_BATCH_BYTES + 400_000);
    expect(planBatch([line(1, 10_000_000), line(2, 10)], []).ledger).toBe(1);
  });

  it('ends a batch on a signed line: unsigned old lines go with the next signed one, or wait', () => {
    const old = [line(1, 10, false), line(2, 10, false), line(3, 10, true), line(4, 10, false)];
    expect(planBatch(old, []).ledger).toBe(3);
    expect(planBatch([line(1, 10, false), line(2, 10, false)], ['{"seq":1}'])).toEqual({ ledger: 0, audit: 1, waitingForSignedLine: true });
    // Cut back to its last signed line when the limit falls on an unsigned one.
    const mixed = [line(1, 10, true), line(2, 4_000_000, false), line(3, 4_000_000, true)];
    expect(planBatch(mixed, []).ledger).toBe(1);
    expect(planBatch(mixed.slice(1), []).ledger).toBe(2);
  });
});

describe('clock skew from one push', () => {
  const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 9, 0, 0) + ms);
  it('is 0 when the server’s time falls inside the round trip, however long the upload took', () => {
    expect(measuredClockSkew(at(0), at(300_000), at(299_000).toISOString())).toBe(0);
    expect(measuredClockSkew(at(0), at(10), at(5).toISOString())).toBe(0);
  });
  it('is the distance to the nearer end outside it: a lower bound, device minus server', () => {
    // The device 10 minutes ahead: its send time is already 600 s past the server's time.
    expect(measuredClockSkew(at(600_000), at(602_000), at(1_000).toISOString())).toBe(599);
    // The device 5 hours behind.
    expect(measuredClockSkew(at(0), at(2_000), at(5 * 3_600_000).toISOString())).toBe(-(5 * 3_600 - 2));
  });
});
