import { expect, it } from 'vitest';
import { deviceStatusSchema } from '../../shared/sync/device-status';
import { describeEachBackend } from './fixtures/backends';
import { centralPerTest } from './fixtures/central-per-test';
import type { CounterArchive } from './fixtures/counter-archive';
import type { EnrolledCounter } from './fixtures/enrolled-counter';
import { hashOf, heldBy, pushed, receiptVerifies } from './fixtures/push-checks';

/**
 * The device's chain on the server: a fork or another file at a place it holds is a conflict (kept,
 * never stored over what it holds); a gap is held pending until the missing lines come.
 */
describeEachBackend('push: conflicts and gaps', (backend) => {
  const fresh = centralPerTest(backend);
  const enrolled = (records: number) => fresh.counter({ records });
  /** What a forked archive pushes under the device's own token. */
  const linesOf = async (archive: CounterArchive) => ({ ledger: await archive.ledger(), audit: await archive.audit() });
  const status = async (c: EnrolledCounter) => deviceStatusSchema.parse((await c.get('/v1/device')).body);

  it('refuses the same case with another file as a conflict, keeps what it holds and lists the conflict', async () => {
    const c = await enrolled(4);
    // The counter restored from a backup taken now seals the same next case again: the same record,
    // sealed anew (the data key's encryption is randomized), so another file under the same case.
    const restored = await c.archive.fork();
    await c.archive.seal(2);
    await c.refresh();
    await pushed(c, c.body(c.ledger, c.audit));
    const before = await heldBy(c);
    await restored.seal(2);
    const other = (await linesOf(restored)).ledger.slice(8);
    const [original, offered] = [JSON.parse(c.ledger[8]!.line), JSON.parse(other[0]!.line)];
    expect([offered.seq, offered.caseNumber, offered.recordHash]).toEqual([original.seq, original.caseNumber, original.recordHash]);
    expect(offered.sha256).not.toBe(original.sha256);

    const answer = await pushed(c, c.body(other));
    expect(answer.results.map((r) => [r.seq, r.status])).toEqual([9, 10, 11, 12].map((seq) => [seq, 'conflict']));
    expect(answer.results[0]!.reason).toBe('中心系统在第 9 行已存有另一行，不会被覆盖');
    expect(answer.receipt).toBeNull();
    const after = await heldBy(c);
    expect(after.ledger).toEqual(before.ledger);
    expect(after.ingest).toBe(before.ingest);

    const listed = await status(c);
    expect(listed.conflictCount).toBe(4);
    expect(listed.conflicts.at(-1)).toMatchObject({ log: 'ledger', seq: 9, heldHash: hashOf(c.ledger[8]!.line), offeredHash: offered.hash, offeredSha256: offered.sha256 });
    expect(listed.heads.ledger).toEqual({ seq: 12, hash: hashOf(c.ledger[11]!.line) });

    // The same conflicting batch again is kept once; the counter's own next cases go on being stored.
    await pushed(c, c.body(other));
    expect((await status(c)).conflictCount).toBe(4);
    await c.archive.seal(1);
    await c.refresh();
    expect((await pushed(c, c.body(c.ledger.slice(12)))).results.map((r) => r.status)).toEqual(['stored', 'stored']);
  });

  it('refuses a forked line — the right place, but not following the line the server holds — and all that follows it', async () => {
    const c = await enrolled(3);
    const fork = await c.archive.fork();
    await c.archive.seal(1);
    await c.refresh();
    await pushed(c, c.body(c.ledger, c.audit));
    await fork.seal(2, { retention: { years: 100 } });
    const forked = await linesOf(fork);

    const past = await pushed(c, c.body(forked.ledger.slice(8)));
    expect(past.results).toEqual([
      { seq: 9, status: 'conflict', reason: '与中心系统已有的台账分叉：prev 不是第 8 行的 hash' },
      { seq: 10, status: 'conflict', reason: '接续在冲突的行之后' },
    ]);
    const over = await pushed(c, c.body(forked.ledger.slice(6)));
    expect(over.results.map((r) => r.status)).toEqual(['conflict', 'conflict', 'conflict', 'conflict']);

    // The audit log forked the same way.
    const audit = await pushed(c, c.body([], forked.audit.slice(3)));
    expect(audit.auditResults.map((r) => [r.seq, r.status])).toEqual([
      [4, 'conflict'],
      [5, 'conflict'],
    ]);
    expect(audit.receipt).toBeNull();

    const listed = await status(c);
    expect(listed.heads.ledger).toEqual({ seq: 8, hash: hashOf(c.ledger[7]!.line) });
    expect(listed.heads.audit).toEqual({ seq: 4, hash: hashOf(c.audit[3]!) });
    expect(listed.conflicts.filter((x) => x.log === 'audit').map((x) => [x.seq, x.heldHash])).toEqual([
      [5, null],
      [4, hashOf(c.audit[3]!)],
    ]);
    expect(listed.conflicts.find((x) => x.log === 'ledger' && x.seq === 9)).toMatchObject({ heldHash: null, offeredHash: hashOf(forked.ledger[8]!.line) });
    expect((await heldBy(c)).ledger.map((row) => row.line)).toEqual(c.ledger.map((item) => item.line));
  });

  it('holds lines behind a gap pending, then stores them in order once the gap is filled, in one receipt', async () => {
    const c = await enrolled(10);
    await pushed(c, c.body(c.ledger.slice(0, 6)));
    const ahead = await pushed(c, c.body(c.ledger.slice(12)));
    expect(ahead.results.map((r) => [r.seq, r.status])).toEqual([13, 14, 15, 16, 17, 18, 19, 20].map((seq) => [seq, 'pending']));
    expect(ahead.results[0]!.reason).toBe('中心系统缺第 7–12 行，此行暂存，待缺行补齐后存入');
    expect(ahead.receipt).toBeNull();
    await pushed(c, c.body(c.ledger.slice(12)));
    expect((await heldBy(c)).pending).toHaveLength(8);
    expect((await status(c)).pending).toEqual({ count: 8, lowestSeq: 13 });
    expect((await status(c)).heads.ledger.seq).toBe(6);

    const filled = await pushed(c, c.body(c.ledger.slice(6, 12)));
    expect(filled.results.map((r) => [r.seq, r.status])).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((seq) => [seq, 'stored']));
    expect(filled.results.at(-1)!.reason).toBe('此前暂存，缺行补齐后存入');
    expect(filled.receipt!.statement.entries.map((e) => e.seq)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(await receiptVerifies(filled.receipt!, c.enrollment.serverKey)).toBe(true);
    const held = await heldBy(c);
    expect(held.pending).toEqual([]);
    expect(held.ledger.map((row) => row.line)).toEqual(c.ledger.map((item) => item.line));
    expect((await status(c)).heads.record.seq).toBe(10);
  });

  it('turns a held line that does not follow on once the gap fills into a conflict, never storing it', async () => {
    const c = await enrolled(3);
    const fork = await c.archive.fork();
    await c.archive.seal(2);
    await c.refresh();
    await fork.seal(2, { retention: { years: 100 } });
    const forked = (await linesOf(fork)).ledger;
    await pushed(c, c.body(c.ledger.slice(0, 6)));
    expect((await pushed(c, c.body(forked.slice(8)))).results.map((r) => r.status)).toEqual(['pending', 'pending']);

    const filled = await pushed(c, c.body(c.ledger.slice(6, 8)));
    expect(filled.results.map((r) => [r.seq, r.status])).toEqual([
      [7, 'stored'],
      [8, 'stored'],
    ]);
    // The counter's own lines at the places the forked ones were held.
    expect((await pushed(c, c.body(c.ledger.slice(8)))).results.map((r) => r.status)).toEqual(['stored', 'stored']);
    const listed = await status(c);
    expect(listed.pending).toEqual({ count: 0, lowestSeq: null });
    expect(listed.conflicts.map((x) => [x.seq, x.reason])).toEqual([
      [10, '暂存待补齐的行与后来接续上链的行不同'],
      [9, '暂存的行与中心系统已有的台账分叉：prev 不是第 8 行的 hash'],
    ]);
    expect((await heldBy(c)).ledger.map((row) => row.line)).toEqual(c.ledger.map((item) => item.line));
  });
});
