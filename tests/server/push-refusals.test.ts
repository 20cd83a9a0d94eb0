import { afterEach, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { PUSH_LIMITS } from '../../shared/sync/push';
import type { RunningCentral } from '../../server/start-central';
import { describeEachBackend } from './fixtures/backends';
import { startCentralUnderTest } from './fixtures/central-under-test';
import type { PushLedgerItem } from './fixtures/counter-archive';
import { call, enrollCounter, type EnrolledCounter, type HttpAnswer } from './fixtures/enrolled-counter';
import { heldBy } from './fixtures/push-checks';

/** Every refusal of a push is a 4xx with its code and a reason, and nothing of the batch is written. */
describeEachBackend('push: refusals', (backend) => {
  let central: RunningCentral | null = null;
  const counters: EnrolledCounter[] = [];
  afterEach(async () => {
    await Promise.all(counters.splice(0).map((c) => c.remove()));
    await central?.close();
    central = null;
  });

  const enrolled = async (records: number, counterId = 'C01') => {
    central ??= await startCentralUnderTest(backend());
    const counter = await enrollCounter(central, { records, counterId });
    counters.push(counter);
    return counter;
  };
  const refusal = (answer: HttpAnswer) => ({ status: answer.status, code: answer.body.error?.code, path: answer.body.error?.path });
  const nothingHeld = async (c: EnrolledCounter) => {
    const held = await heldBy(c);
    expect([held.ledger.length, held.audit.length, held.pending.length, held.conflicts.length, held.ingest]).toEqual([0, 0, 0, 0, 0]);
  };
  /** The line at `index` with some of its fields replaced, written as the device would write a line. */
  const withLine = (items: readonly PushLedgerItem[], index: number, change: (line: Record<string, unknown>) => Record<string, unknown> | string): PushLedgerItem[] =>
    items.map((item, i) => {
      if (i !== index) return item;
      const changed = change(JSON.parse(item.line));
      return { ...item, line: typeof changed === 'string' ? changed : canonicalJson(changed) };
    });

  it('refuses a batch whose last line’s signature does not verify, storing none of it', async () => {
    const c = await enrolled(3);
    const flipped = withLine(c.ledger, 5, (line) => ({ ...line, sig: `${String(line.sig).slice(0, -1)}${String(line.sig).endsWith('0') ? '1' : '0'}` }));
    const answer = await c.post('/v1/push', c.body(flipped, c.audit));
    expect(refusal(answer)).toEqual({ status: 422, code: 'SIGNATURE_INVALID', path: 'ledger[5].line.sig' });
    expect(answer.body.error.reason).toContain('本批未存入任何内容');
    const audit = c.audit.map((line, i) => (i === c.audit.length - 1 ? canonicalJson({ ...JSON.parse(line), sig: '00'.repeat(64) }) : line));
    expect(refusal(await c.post('/v1/push', c.body(c.ledger, audit)))).toEqual({ status: 422, code: 'SIGNATURE_INVALID', path: 'audit[2].sig' });
    await nothingHeld(c);
  });

  it('refuses a batch with one line that does not check, naming the place, storing none of it', async () => {
    const c = await enrolled(3);
    const cases: Array<[PushLedgerItem[], string]> = [
      // A file changed after its line was written.
      [c.ledger.map((item, i) => (i === 2 ? { ...item, file: Buffer.from(`${Buffer.from(item.file, 'base64').toString('latin1')} `, 'latin1').toString('base64') } : item)), 'ledger[2].file'],
      [c.ledger.map((item, i) => (i === 3 ? { ...item, file: c.ledger[1]!.file } : item)), 'ledger[3].file'],
      // A line whose content no longer hashes to its hash.
      [withLine(c.ledger, 2, (line) => ({ ...line, caseNumber: 'C01-20261128-0099' })), 'ledger[2].line.hash'],
      // The same line, not in its canonical form.
      [withLine(c.ledger, 1, (line) => JSON.stringify(line, null, 1)), 'ledger[1].line'],
      [withLine(c.ledger, 4, ({ bytes: _bytes, ...line }) => line), 'ledger[4].line.bytes'],
      [withLine(c.ledger, 0, () => 'not json'), 'ledger[0].line'],
      // A line left out of the middle of the batch.
      [[...c.ledger.slice(0, 2), ...c.ledger.slice(3)], 'ledger[2].line.prev'],
    ];
    for (const [ledger, path] of cases) {
      const answer = await c.post('/v1/push', c.body(ledger, c.audit));
      expect(refusal(answer), path).toEqual({ status: 422, code: 'RECORD_INVALID', path });
      expect(answer.body.error.reason).toMatch(new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}：`));
    }
    const audit = c.audit.map((line, i) => (i === 1 ? line.replace('"case.seal"', '"case.void"') : line));
    expect(refusal(await c.post('/v1/push', c.body(c.ledger, audit)))).toEqual({ status: 422, code: 'RECORD_INVALID', path: 'audit[1].hash' });
    await nothingHeld(c);
  });

  it('refuses another device’s lines under this device’s token', async () => {
    const c = await enrolled(1);
    const other = await enrolled(1, 'C02');
    expect(refusal(await c.post('/v1/push', c.body(other.ledger)))).toEqual({ status: 422, code: 'RECORD_INVALID', path: 'ledger[0].line.keyId' });
    expect(refusal(await c.post('/v1/push', c.body([], other.audit)))).toEqual({ status: 422, code: 'RECORD_INVALID', path: 'audit[0].keyId' });
    await nothingHeld(c);
  });

  it('refuses a record that does not continue the device’s record chain', async () => {
    const c = await enrolled(3);
    // The counter's record store came back from a backup one case old; its archive went on.
    c.archive.restoreRecordStore(1);
    await c.archive.seal(1);
    await c.refresh();
    const answer = await c.post('/v1/push', c.body(c.ledger));
    expect(refusal(answer)).toEqual({ status: 422, code: 'RECORD_INVALID', path: 'ledger[6].file' });
    expect(answer.body.error.reason).toContain('记录链不接续：中心系统上该设备的记录链到第 3 条，此记录为第 3 条');
    await nothingHeld(c);
    expect((await c.post('/v1/push', c.body(c.ledger.slice(0, 6)))).status).toBe(200);
    expect(refusal(await c.post('/v1/push', c.body(c.ledger.slice(6))))).toEqual({ status: 422, code: 'RECORD_INVALID', path: 'ledger[0].file' });
    expect((await heldBy(c)).ledger).toHaveLength(6);
  });

  it('answers malformed JSON, a body off the schema, an oversize body and a missing or unknown token with their codes', async () => {
    const c = await enrolled(1);
    expect(refusal(await c.post('/v1/push', '{"ledger": ['))).toMatchObject({ status: 400, code: 'BAD_JSON' });
    const { sentAt: _sentAt, ...noTime } = c.body(c.ledger);
    expect(refusal(await c.post('/v1/push', noTime))).toEqual({ status: 400, code: 'BAD_REQUEST', path: 'sentAt' });
    expect(refusal(await c.post('/v1/push', { ...c.body(c.ledger), extra: 1 }))).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(refusal(await c.post('/v1/push', c.body([{ line: c.ledger[0]!.line, file: '**' }])))).toEqual({ status: 400, code: 'BAD_REQUEST', path: 'ledger[0].file' });
    const oversize = JSON.stringify({ ...c.body([]), padding: 'x'.repeat(PUSH_LIMITS.maxBodyBytes) });
    expect(refusal(await c.post('/v1/push', oversize))).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
    expect(refusal(await c.post('/v1/push', c.body(c.ledger), null))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(refusal(await c.post('/v1/push', c.body(c.ledger), 'A'.repeat(43)))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const text = await fetch(`${central!.url}/v1/push`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${c.token}` }, body: 'x' });
    expect(text.status).toBe(415);
    expect(refusal(await call(central!, 'GET', '/v1/device', undefined, 'B'.repeat(43)))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await nothingHeld(c);
  });
});
