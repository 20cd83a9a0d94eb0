import { expect, it } from 'vitest';
import { deviceStatusSchema } from '../../shared/sync/device-status';
import { describeEachBackend } from './fixtures/backends';
import { centralPerTest } from './fixtures/central-per-test';
import { hashOf, heldBy, pushed, receiptVerifies } from './fixtures/push-checks';

describeEachBackend('push: a counter’s archive to the central system', (backend) => {
  const fresh = centralPerTest(backend);
  const enrolled = (records: number) => fresh.counter({ records, reprintEvery: 4 });

  it('stores a whole archive pushed in batches once, each batch with one receipt the server key signs', async () => {
    const c = await enrolled(12);
    expect(c.ledger).toHaveLength(12 * 2 + 3);
    expect(c.audit).toHaveLength(12 + 3);
    const serverSeqs: number[] = [];
    let auditHead = { seq: 0, hash: '' };
    const batches = c.batches({ size: 5, auditSize: 4 });
    expect(batches).toHaveLength(6);
    for (const body of batches) {
      const answer = await pushed(c, body);
      const seqs = body.ledger.map((item) => JSON.parse(item.line).seq as number);
      expect(answer.results).toEqual(seqs.map((seq) => ({ seq, status: 'stored' })));
      expect(answer.auditResults.map((r) => r.status)).toEqual(body.audit.map(() => 'stored'));
      expect(answer.receipt).not.toBeNull();
      expect(await receiptVerifies(answer.receipt!, c.enrollment.serverKey)).toBe(true);
      expect(answer.receipt!.statement).toMatchObject({ deviceId: c.deviceId, issuedAt: answer.serverTime });
      expect(answer.receipt!.statement.entries.map((e) => [e.seq, e.hash])).toEqual(body.ledger.map((item) => [JSON.parse(item.line).seq, hashOf(item.line)]));
      if (body.audit.length > 0) auditHead = { seq: JSON.parse(body.audit.at(-1)!).seq, hash: hashOf(body.audit.at(-1)!) };
      expect(answer.receipt!.statement.auditHead).toEqual(auditHead);
      serverSeqs.push(...answer.receipt!.statement.entries.map((e) => e.serverSeq));
      expect(Math.abs(answer.clockSkewSeconds)).toBeLessThan(60);
    }
    expect(serverSeqs).toEqual(serverSeqs.map((_, i) => serverSeqs[0]! + i));

    // Kept as sent: each line's text and each file's bytes.
    const held = await heldBy(c);
    expect(held.ledger.map((row) => row.line)).toEqual(c.ledger.map((item) => item.line));
    expect(held.ledger.map((row) => Buffer.from(row.file).toString('base64'))).toEqual(c.ledger.map((item) => item.file));
    expect(held.audit.map((row) => row.line)).toEqual(c.audit);

    const status = deviceStatusSchema.parse((await c.get('/v1/device')).body);
    const lastRecord = c.ledger.map((item) => JSON.parse(item.line)).filter((line) => line.kind === 'record').at(-1);
    expect(status.heads).toEqual({
      ledger: { seq: 27, hash: hashOf(c.ledger.at(-1)!.line) },
      record: { seq: 12, hash: lastRecord.recordHash },
      audit: { seq: 15, hash: hashOf(c.audit.at(-1)!) },
    });
    expect(status.counts).toEqual({ records: 12, letters: 12, reprints: 3, auditEntries: 15 });
    expect(status).toMatchObject({ pending: { count: 0, lowestSeq: null }, conflictCount: 0, conflicts: [] });
  });

  it('answers a batch pushed again as duplicates, receipted with their first serverSeq and time, storing nothing', async () => {
    const c = await enrolled(6);
    const batches = c.batches({ size: 4, auditSize: 3 });
    const first = [];
    for (const body of batches) first.push(await pushed(c, body));
    const before = await heldBy(c);
    for (const [index, body] of batches.entries()) {
      const again = await pushed(c, { ...body, sentAt: new Date().toISOString() });
      expect(again.results.map((r) => r.status)).toEqual(body.ledger.map(() => 'duplicate'));
      expect(again.auditResults.map((r) => r.status)).toEqual(body.audit.map(() => 'duplicate'));
      expect(await receiptVerifies(again.receipt!, c.enrollment.serverKey)).toBe(true);
      expect(again.receipt!.statement.entries).toEqual(first[index]!.receipt!.statement.entries);
    }
    // Overlapping the stored head: the held part again, the rest stored.
    await c.archive.seal(2);
    await c.refresh();
    const added = c.ledger.length - before.ledger.length;
    expect(added).toBe(4);
    const overlap = await pushed(c, c.body(c.ledger.slice(10)));
    expect(overlap.results.map((r) => r.status)).toEqual([...Array(before.ledger.length - 10).fill('duplicate'), ...Array(added).fill('stored')]);
    const after = await heldBy(c);
    expect(after.ledger.slice(0, before.ledger.length)).toEqual(before.ledger);
    expect(after.ledger).toHaveLength(c.ledger.length);
    expect(after.ingest).toBe(before.ingest + added);
  });

  it('keeps the device’s clock skew and notes one beyond five minutes', async () => {
    const c = await enrolled(1);
    const { db } = (await fresh.central()).context.central;
    const near = await pushed(c, { ...c.body(c.ledger), sentAt: new Date(Date.now() + 30_000).toISOString() });
    expect(near.clockSkewSeconds).toBeGreaterThan(25);
    expect(await db.selectFrom('clock_observations').selectAll().execute()).toHaveLength(0);
    const ahead = new Date(Date.now() + 20 * 60_000).toISOString();
    const far = await pushed(c, { ...c.body([]), sentAt: ahead });
    expect(far.clockSkewSeconds).toBeGreaterThan(1190);
    expect(far.receipt).toBeNull();
    expect(await db.selectFrom('clock_observations').select(['device_id', 'device_time']).execute()).toEqual([{ device_id: c.deviceId, device_time: ahead }]);
    const device = await db.selectFrom('devices').select(['last_seen_at', 'last_clock_skew_s']).where('device_id', '=', c.deviceId).executeTakeFirstOrThrow();
    expect(device.last_clock_skew_s).toBeCloseTo(far.clockSkewSeconds, 3);
    expect(device.last_seen_at).toBe(far.serverTime);
  });

  it('takes the audit log on its own chain: a batch of audit lines only, a gap refused, nothing of that batch written', async () => {
    const c = await enrolled(4);
    const onlyAudit = await pushed(c, c.body([], c.audit.slice(0, 3)));
    expect(onlyAudit.results).toEqual([]);
    expect(onlyAudit.receipt!.statement).toMatchObject({ entries: [], auditHead: { seq: 3, hash: hashOf(c.audit[2]!) } });
    expect(await receiptVerifies(onlyAudit.receipt!, c.enrollment.serverKey)).toBe(true);

    const gap = await c.post('/v1/push', c.body(c.ledger.slice(0, 2), c.audit.slice(4)));
    expect(gap.status).toBe(422);
    expect(gap.body.error).toMatchObject({ code: 'RECORD_INVALID', path: 'audit[0]' });
    expect(gap.body.error.reason).toContain('请从第 4 条起发送');
    const held = await heldBy(c);
    expect([held.ledger.length, held.audit.length]).toEqual([0, 3]);

    expect(c.audit).toHaveLength(5);
    const rest = await pushed(c, c.body(c.ledger.slice(0, 2), c.audit.slice(2)));
    expect(rest.auditResults.map((r) => r.status)).toEqual(['duplicate', 'stored', 'stored']);
    expect(rest.receipt!.statement.auditHead).toEqual({ seq: 5, hash: hashOf(c.audit[4]!) });
  });
});
