import { afterEach, expect, it } from 'vitest';
import { fromHex, utf8Bytes } from '../../electron/services/crypto/bytes';
import type { RunningCentral } from '../../server/start-central';
import { dayCloseAckText, type DayCloseResponse, type DayDifference, type DayStatement } from '../../shared/sync/day-close';
import { countsOf } from '../../shared/sync/day-close-view';
import { describeEachBackend } from './fixtures/backends';
import { startCentralUnderTest } from './fixtures/central-under-test';
import { auditAt, closeDay, DAY, letterPath, pushAll, signed, statementOf } from './fixtures/day-close-statement';
import { enrollCounter, type EnrolledCounter } from './fixtures/enrolled-counter';

/** 2026-11-28 12:00 in Shanghai: the day the fixture archive seals its cases (from 10:01). */
const NOON = new Date(Date.UTC(2026, 10, 28, 4, 0, 0));
const CASE = (n: number) => `C01-20261128-000${n}`;

/** What a test compares: which case, which field, which kind — the reasons are checked where they matter. */
const named = (differences: readonly DayDifference[]) => differences.map(({ caseNumber, field, kind }) => ({ caseNumber, field, kind }));

/** The statement again with its counts made to agree with its cases (what a counter that lists them would send). */
const withCases = (statement: DayStatement, cases: DayStatement['cases']): DayStatement => ({ ...statement, cases, counts: countsOf(cases) });

describeEachBackend('central system: 日结 (POST /v1/day-close)', (backend) => {
  let central: RunningCentral | null = null;
  const counters: EnrolledCounter[] = [];
  afterEach(async () => {
    await Promise.all(counters.splice(0).map((counter) => counter.remove()));
    await central?.close();
    central = null;
  });

  /** Three cases of 2026-11-28 with their letters (the third reprinted once); the letter of 0001 printed and the 补打 of 0003 printed that noon. */
  const dayOfThree = async (): Promise<EnrolledCounter> => {
    central = await startCentralUnderTest(backend());
    const counter = await enrollCounter(central, { records: 3, reprintEvery: 3 });
    counters.push(counter);
    await auditAt(counter, NOON, 'letter.print', letterPath(CASE(1)), 'copies-2');
    await auditAt(counter, NOON, 'letter.print', letterPath(CASE(3), 1), 'copies-1');
    return counter;
  };

  const answerOf = (answer: { status: number; body: unknown }): DayCloseResponse => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as DayCloseResponse;
  };

  it('closes a day that reconciles, with an acknowledgement signed by the central system', async () => {
    const counter = await dayOfThree();
    await pushAll(counter);
    const statement = await statementOf(counter);
    expect(statement.counts).toEqual({ sealed: 3, committed: 3, proofRoute: 0, notApplicable: 0, voided: 0, printed: 1, reprinted: 1 });
    const answer = answerOf(await closeDay(counter, statement));
    expect(answer.differences).toEqual([]);
    expect(answer.reconciled).toBe(true);
    expect(answer.alreadyClosed).toBe(false);
    // The split of the cases is inside the encrypted records: the server counts only what it can see.
    expect(answer.serverCounts).toEqual({ sealed: 3, committed: null, proofRoute: null, notApplicable: null, voided: 0, printed: 1, reprinted: 1 });
    expect(answer.chainHead.server).toEqual(statement.chainHead);
    expect(statement.chainHead).toMatchObject({ sequence: 3, caseNumber: CASE(3) });

    const ack = answer.acknowledgement!;
    expect(ack.statement).toMatchObject({ deviceId: counter.deviceId, counterId: 'C01', date: DAY, revision: 1, counts: statement.counts, chainHead: statement.chainHead });
    expect(ack.keyId).toBe(central!.context.signer.info.keyId);
    expect(central!.context.signer.verifier()(utf8Bytes(dayCloseAckText(ack.statement)), fromHex(ack.signature))).toBe(true);
    const rows = await central!.context.central.db.selectFrom('day_closes').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ device_id: counter.deviceId, day: DAY, revision: 1, statement_hash: ack.statement.statementHash });
  });

  it('answers a day closed twice with the same acknowledgement; more work that day closes as the next revision', async () => {
    const counter = await dayOfThree();
    await pushAll(counter);
    const first = answerOf(await closeDay(counter, await statementOf(counter)));

    // The same day again, its audit log longer by a line of another day: the same content, the same close.
    await auditAt(counter, new Date(Date.UTC(2026, 10, 29, 2)), 'clerk.sign_out', 'A001');
    await pushAll(counter);
    const again = answerOf(await closeDay(counter, await statementOf(counter)));
    expect(again.alreadyClosed).toBe(true);
    expect(again.acknowledgement).toEqual(first.acknowledgement);

    // The letter of 0002 printed that day after the close: a new close of the day, revision 2.
    await auditAt(counter, new Date(Date.UTC(2026, 10, 28, 8)), 'letter.print', letterPath(CASE(2)), 'copies-2');
    await pushAll(counter);
    const later = answerOf(await closeDay(counter, await statementOf(counter)));
    expect(later.reconciled).toBe(true);
    expect(later.alreadyClosed).toBe(false);
    expect(later.acknowledgement!.statement.revision).toBe(2);
    expect(later.acknowledgement!.statement.counts.printed).toBe(2);
    expect(await central!.context.central.db.selectFrom('day_closes').select('revision').orderBy('revision').execute()).toEqual([{ revision: 1 }, { revision: 2 }]);
  });

  it('names the case whose push was held back, and closes nothing until it arrives', async () => {
    const counter = await dayOfThree();
    await counter.refresh();
    // Cases 0001 and 0002 (record and letter each), not 0003; every audit line.
    expect((await counter.post('/v1/push', counter.body(counter.ledger.slice(0, 4), counter.audit))).status).toBe(200);
    const statement = await statementOf(counter);
    const answer = answerOf(await closeDay(counter, statement));
    expect(answer.reconciled).toBe(false);
    expect(answer.acknowledgement).toBeNull();
    expect(named(answer.differences)).toEqual([
      { caseNumber: CASE(3), field: 'record', kind: 'not_pushed' },
      { caseNumber: CASE(3), field: 'letter', kind: 'not_pushed' },
      { caseNumber: null, field: 'counts.sealed', kind: 'differs' },
      { caseNumber: CASE(3), field: 'chainHead', kind: 'not_pushed' },
      { caseNumber: null, field: 'ledgerHead', kind: 'not_pushed' },
    ]);
    expect(answer.differences[0]!.reason).toBe('这份记录尚未上传到中心系统（本机台账第 5 行，中心系统只收到第 4 行）');
    expect(answer.differences[2]).toMatchObject({ counter: '3', server: '2' });
    expect(await central!.context.central.db.selectFrom('day_closes').selectAll().execute()).toHaveLength(0);

    await pushAll(counter);
    expect(answerOf(await closeDay(counter, statement)).reconciled).toBe(true);
  });

  it('names a record the central system has lost', async () => {
    const counter = await dayOfThree();
    await pushAll(counter);
    await central!.context.central.db.deleteFrom('ledger_entries').where('device_id', '=', counter.deviceId).where('case_number', '=', CASE(2)).execute();
    const answer = answerOf(await closeDay(counter, await statementOf(counter)));
    expect(named(answer.differences)).toEqual([
      { caseNumber: CASE(2), field: 'record', kind: 'not_pushed' },
      { caseNumber: CASE(2), field: 'letter', kind: 'not_pushed' },
      { caseNumber: null, field: 'counts.sealed', kind: 'differs' },
    ]);
    expect(answer.differences[0]!.reason).toMatch(/^中心系统已收到本机第 7 行及以前的台账，却没有这份记录（台账第 3 行）：中心系统的数据缺失/);
  });

  it('names each way a statement differs from what the central system holds', async () => {
    const counter = await dayOfThree();
    await pushAll(counter);
    const statement = await statementOf(counter);
    const [one, two, three] = statement.cases as [DayStatement['cases'][number], DayStatement['cases'][number], DayStatement['cases'][number]];
    const differencesOf = async (changed: DayStatement) => {
      const answer = answerOf(await closeDay(counter, changed));
      expect(answer.reconciled).toBe(false);
      return answer.differences;
    };

    const otherHash = await differencesOf(withCases(statement, [{ ...one, record: { ...one.record!, recordHash: 'a'.repeat(64) } }, two, three]));
    expect(named(otherHash)).toEqual([{ caseNumber: CASE(1), field: 'recordHash', kind: 'differs' }]);
    expect(otherHash[0]).toMatchObject({ counter: 'aaaaaaaaaaaaaaaa', server: one.record!.recordHash.slice(0, 16) });

    expect(named(await differencesOf(withCases(statement, [one, three])))).toEqual([
      { caseNumber: CASE(2), field: 'record', kind: 'not_in_statement' },
      { caseNumber: CASE(2), field: 'letter', kind: 'not_in_statement' },
      { caseNumber: null, field: 'counts.sealed', kind: 'differs' },
    ]);

    // A case stated as a void where the server holds a case record (void-record/1 against commitment-record/1).
    expect(named(await differencesOf(withCases(statement, [one, two, { ...three, record: { ...three.record!, outcome: 'void', voids: CASE(1) } }])))).toEqual([
      { caseNumber: CASE(3), field: 'outcome', kind: 'differs' },
      { caseNumber: null, field: 'counts.sealed', kind: 'differs' },
      { caseNumber: null, field: 'counts.voided', kind: 'differs' },
    ]);

    expect(named(await differencesOf(withCases(statement, [{ ...one, printed: 2 }, two, three])))).toEqual([
      { caseNumber: CASE(1), field: 'printed', kind: 'differs' },
      { caseNumber: null, field: 'counts.printed', kind: 'differs' },
    ]);

    // Counts that are not those of the statement's own list.
    const miscounted = await differencesOf({ ...statement, counts: { ...statement.counts, committed: 5 } });
    expect(named(miscounted)).toEqual([{ caseNumber: null, field: 'counts.committed', kind: 'differs' }]);
    expect(miscounted[0]!.reason).toBe('日结清单的计数为 5，清单所列案件合计为 3');

    expect(named(await differencesOf({ ...statement, chainHead: { ...statement.chainHead, hash: 'b'.repeat(64) } }))).toEqual([{ caseNumber: CASE(3), field: 'chainHead', kind: 'differs' }]);
    expect(await central!.context.central.db.selectFrom('day_closes').selectAll().execute()).toHaveLength(0);
  });

  it('names prints whose audit lines have not reached the central system', async () => {
    const counter = await dayOfThree();
    await pushAll(counter);
    await auditAt(counter, new Date(Date.UTC(2026, 10, 28, 6)), 'letter.print', letterPath(CASE(2)), 'copies-2');
    const answer = answerOf(await closeDay(counter, await statementOf(counter)));
    expect(named(answer.differences)).toEqual([
      { caseNumber: CASE(2), field: 'printed', kind: 'not_pushed' },
      { caseNumber: null, field: 'counts.printed', kind: 'differs' },
      { caseNumber: null, field: 'auditHead', kind: 'not_pushed' },
    ]);
    expect(answer.differences[0]!.reason).toMatch(/^当日文书打印次数不一致：本机记为 1 次，中心系统只收到本机审计日志第 \d+ 条及以前，记为 0 次/);
  });

  it('refuses a statement it cannot take for this device’s own, and writes nothing', async () => {
    const counter = await dayOfThree();
    await pushAll(counter);
    const statement = await statementOf(counter);
    const good = await signed(counter, statement);
    const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body.error?.code];

    expect(refusal(await counter.post('/v1/day-close', { ...good, statement: { ...statement, counts: { ...statement.counts, printed: 0 } } }))).toEqual([422, 'SIGNATURE_INVALID']);
    expect(refusal(await closeDay(counter, { ...statement, deviceId: 'another-device-01' }))).toEqual([422, 'RECORD_INVALID']);
    expect(refusal(await closeDay(counter, { ...statement, date: '2999-01-01' }))).toEqual([422, 'BAD_REQUEST']);
    expect(refusal(await counter.post('/v1/day-close', good, null))).toEqual([401, 'UNAUTHENTICATED']);
    expect(refusal(await counter.post('/v1/day-close', { statement }))).toEqual([400, 'BAD_REQUEST']);
    expect(await central!.context.central.db.selectFrom('day_closes').selectAll().execute()).toHaveLength(0);
  });
});
