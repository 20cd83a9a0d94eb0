import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrintRequest, PrintService } from '../../electron/services/printing';
import type { ArchiveCheck } from '../../shared/contract/domains/archive';
import type { DayCloseResult, DayReportFile } from '../../shared/contract/domains/day-close';
import type { PrintOutcome } from '../../shared/contract/domains/printing';
import type { ArchivedLetter } from '../../shared/contract/host-contract';
import { newCaseDraft } from '../../shared/domain/case-flow';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { pdfBytes } from './fixtures/archive-fixtures';
import { applicant, at, examMatter, run, signature } from './fixtures/case-fixtures';
import { zhText } from './fixtures/host-text';
import { ADMIN, CLERK, startSyncCentral, startSyncCounter, SUPERVISOR, type SyncCentral, type SyncCounter } from './fixtures/sync-counter';
import { value } from './fixtures/test-host';

/**
 * 日结 end to end in Node: main's real services (host handlers: sealing, voids, the archive, printing's
 * audit lines, the sync engine) against the real central system in this process. The day closes
 * when everything the counter did that day is on the server as the counter states it, and names the
 * case the server lost when it is not.
 */
// One clock for both sides, running from a fixed morning (Shanghai 10:00) at the real pace: the day
// cannot turn over under the test.
const STARTED = Date.now();
const now = () => new Date(Date.UTC(2026, 11, 2, 2, 0, 0) + (Date.now() - STARTED));
const DAY = '2026-12-02';

let central: SyncCentral;
let counter: SyncCounter;
let printed: PrintRequest[];

const print: PrintService = {
  print: async (request) => {
    printed.push(request);
    return { status: 'queued', jobId: `PDF-${printed.length}`, printer: 'PDF' };
  },
  jobStatus: async () => ({ status: 'done' }),
  listPrinters: async () => ({ ok: true, value: [] }),
};

/** A proof-route case (the applicant brings the proofs and signs the proof list). */
const proofDraft = (draftId: string) =>
  run(newCaseDraft(draftId, { deviceId: counter.device.deviceId, counterId: 'C01', agencyName: counter.device.agencyName }, { clerkId: CLERK.clerkId, name: CLERK.name }, at(0)), [
    [{ type: 'chooseMatter', matter: examMatter }, at(1)],
    [{ type: 'enterApplicant', applicant }, at(2)],
    [{ type: 'turnPage', to: 1 }, at(12)],
    [{ type: 'turnPage', to: 2 }, at(20)],
    [{ type: 'turnPage', to: 3 }, at(25)],
    [{ type: 'choose', choice: 'proof' }, at(40)],
    [{ type: 'submitSignature', signature: signature() }, at(50)],
  ]);

const auditActions = async (): Promise<Array<{ action: string; subject: string; detail?: string; actor: { role: string } | null }>> =>
  (await readFile(path.join(counter.archiveDir, 'audit.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

beforeEach(async () => {
  printed = [];
  central = await startSyncCentral({ now });
  counter = await startSyncCounter({ print, now });
  // The administrator enrolls the counter (plain HTTP to this machine's central system).
  const code = await central.code();
  value(await counter.call('syncEnroll', { address: central.central.url, code, fingerprint: null }));
}, 60_000);
afterEach(async () => {
  await counter.remove();
  await central.close();
});

/** The day's work: two commitments and a proof route with their letters; one printed, one reprinted and printed, one voided. */
const doTheDay = async (): Promise<{ cases: SealedRecord[]; voidNumber: string }> => {
  const first = await counter.sealWithLetter('draft-1');
  const proof = value(await counter.call<SealedRecord>('sealCase', { draft: proofDraft('draft-2') }));
  value(await counter.call('archiveLetter', { caseNumber: proof.caseNumber, pdfBase64: pdfBytes(proof.caseNumber).toString('base64') }));
  const third = await counter.sealWithLetter('draft-3');
  const letter = (record: SealedRecord) => `${DAY}/C01/${record.caseNumber}.pdf`;
  expect(value(await counter.call<PrintOutcome>('printLetter', { relativePath: letter(first), copies: 2 })).status).toBe('queued');
  const reprint = value(await counter.call<ArchivedLetter>('archiveReprint', { letterPath: letter(third), pdfBase64: pdfBytes(`${third.caseNumber} 补打`).toString('base64') }));
  expect(value(await counter.call<PrintOutcome>('printLetter', { relativePath: reprint.relativePath, copies: 1 })).status).toBe('queued');
  await counter.signInAs(SUPERVISOR);
  const voided = value(await counter.call<{ caseNumber: string }>('voidRecord', { caseNumber: proof.caseNumber, reason: 'data_entry_mistake', note: '' }));
  return { cases: [first, proof, third], voidNumber: voided.caseNumber };
};

describe('日结 with main\u2019s services and the central system', () => {
  it('is a supervisor\u2019s only: main refuses a clerk and the administrator before anything runs', async () => {
    await counter.signInAs(CLERK);
    const refused = await counter.call('closeDay', { date: DAY });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('ROLE_REFUSED');
    await counter.signInAs(ADMIN);
    for (const method of ['closeDay', 'dayCloseStatus']) {
      const answer = await counter.call(method, { date: DAY });
      expect(!answer.ok && answer.error.code).toBe('ROLE_REFUSED');
    }
    // Nothing was sent or stated.
    expect(await central.central.context.central.db.selectFrom('day_closes').selectAll().execute()).toHaveLength(0);
    expect((await auditActions()).filter((entry) => entry.action.startsWith('day.'))).toEqual([]);
  });

  it('pushes, reconciles and closes the day; archives and prints its report; a second close answers the same acknowledgement', async () => {
    const { cases, voidNumber } = await doTheDay();
    const [first, proof, third] = cases as [SealedRecord, SealedRecord, SealedRecord];
    const closed = value(await counter.call<DayCloseResult>('closeDay', { date: DAY }));
    expect(closed.differences).toEqual([]);
    expect(closed.reconciled).toBe(true);
    expect(closed.sync).toEqual({ ok: true, error: null });
    expect(closed.counterCounts).toEqual({ sealed: 3, committed: 2, proofRoute: 1, notApplicable: 0, voided: 1, printed: 1, reprinted: 1 });
    expect(closed.serverCounts).toEqual({ sealed: 3, committed: null, proofRoute: null, notApplicable: null, voided: 1, printed: 1, reprinted: 1 });
    expect(closed.cases).toEqual([
      { caseNumber: first.caseNumber, outcome: 'commitment', voids: null, letter: true, reprints: 0, printed: 1, reprinted: 0 },
      { caseNumber: proof.caseNumber, outcome: 'proof-route', voids: null, letter: true, reprints: 0, printed: 0, reprinted: 0 },
      { caseNumber: third.caseNumber, outcome: 'commitment', voids: null, letter: true, reprints: 1, printed: 0, reprinted: 1 },
      { caseNumber: voidNumber, outcome: 'void', voids: proof.caseNumber, letter: false, reprints: 0, printed: 0, reprinted: 0 },
    ]);
    expect(closed.chainHead.counter).toMatchObject({ sequence: 4, caseNumber: voidNumber });
    expect(closed.chainHead.server).toEqual(closed.chainHead.counter);
    expect(closed.acknowledgement).toMatchObject({ revision: 1, keyId: central.central.context.signer.info.keyId });
    expect(closed.dayClosed).toMatchObject({ attempt: 1, revision: 1 });
    // The server stored it closed; main kept the answer and wrote the close into its audit log.
    expect(await central.central.context.central.db.selectFrom('day_closes').select(['day', 'revision']).execute()).toEqual([{ day: DAY, revision: 1 }]);
    expect(JSON.parse(await readFile(path.join(counter.dataDir, 'day-close', `${DAY}.json`), 'utf8')).attempts).toHaveLength(1);
    expect((await auditActions()).filter((entry) => entry.action === 'day.close')).toMatchObject([{ subject: DAY, detail: 'reconciled', actor: { role: 'supervisor' } }]);
    expect(value(await counter.call<DayCloseResult | null>('dayCloseStatus', { date: DAY }))).toEqual(closed);

    // The report the renderer laid out: archived once (its SHA-256 in the audit log), printed.
    const report = pdfBytes(`day report ${DAY}`);
    const archived = value(await counter.call<DayReportFile>('archiveDayReport', { date: DAY, attempt: 1, pdfBase64: report.toString('base64') }));
    expect(archived.relativePath).toBe(`day-reports/${DAY}-1.pdf`);
    expect(await readFile(path.join(counter.archiveDir, archived.relativePath))).toEqual(report);
    expect(value(await counter.call<DayReportFile>('archiveDayReport', { date: DAY, attempt: 1, pdfBase64: report.toString('base64') }))).toEqual(archived);
    const other = await counter.call('archiveDayReport', { date: DAY, attempt: 1, pdfBase64: pdfBytes('another').toString('base64') });
    expect(!other.ok && other.error.code).toBe('DAY_REPORT_CONFLICT');
    expect((await auditActions()).filter((entry) => entry.action === 'day.report').map((entry) => entry.subject)).toEqual([`${DAY}-1@${archived.sha256}`]);
    expect(value(await counter.call<PrintOutcome>('printDayReport', { date: DAY, attempt: 1, copies: 1 })).status).toBe('queued');
    expect(printed.at(-1)).toMatchObject({ copies: 1, title: `day-report-C01-${DAY}-1` });
    expect(Buffer.from(printed.at(-1)!.pdf)).toEqual(report);
    // 档案核验 takes the report for what it is, not for a file missing from the ledger.
    const check = value(await counter.call<ArchiveCheck>('verifyArchive', {}));
    expect(check.findings).toEqual([]);

    // The same day again: the audit log has grown (the close, the report), the day's content has not.
    const again = value(await counter.call<DayCloseResult>('closeDay', { date: DAY }));
    expect(again).toMatchObject({ attempt: 2, reconciled: true, alreadyClosed: true, acknowledgement: closed.acknowledgement });
  });

  it('does not close a day the central system holds less of, and names the case it lost and why', async () => {
    const { cases } = await doTheDay();
    const third = cases[2]!;
    value(await counter.call('syncNow', {}));
    await central.central.context.central.db.deleteFrom('ledger_entries').where('case_number', '=', third.caseNumber).execute();

    const answer = value(await counter.call<DayCloseResult>('closeDay', { date: DAY }));
    expect(answer.reconciled).toBe(false);
    expect(answer.acknowledgement).toBeNull();
    expect(answer.dayClosed).toBeNull();
    expect(answer.differences.filter((difference) => difference.caseNumber === third.caseNumber).map(({ field, kind }) => ({ field, kind }))).toEqual([
      { field: 'record', kind: 'not_pushed' },
      { field: 'letter', kind: 'not_pushed' },
      { field: 'reprints', kind: 'not_pushed' },
    ]);
    expect(answer.differences[0]!.reason).toContain('中心系统的数据缺失');
    expect(answer.differences.map((difference) => difference.caseNumber)).not.toContain(cases[0]!.caseNumber);
    expect(await central.central.context.central.db.selectFrom('day_closes').selectAll().execute()).toHaveLength(0);
    expect((await auditActions()).filter((entry) => entry.action === 'day.close').map((entry) => entry.detail)).toEqual(['not_reconciled']);
    // Its report can be archived all the same: a day that does not reconcile is reported too.
    expect(value(await counter.call<DayReportFile>('archiveDayReport', { date: DAY, attempt: 1, pdfBase64: pdfBytes('not reconciled').toString('base64') })).relativePath).toBe(`day-reports/${DAY}-1.pdf`);
  });

  it('refuses a day to come and a counter that is not enrolled, in words', async () => {
    await counter.signInAs(SUPERVISOR);
    const future = await counter.call('closeDay', { date: '2026-12-03' });
    expect(!future.ok && [future.error.code, zhText(future.error)]).toEqual(['DAY_CLOSE_FUTURE', '2026-12-03 尚未到来，不能日结。']);
    const unenrolled = await startSyncCounter({ print, now });
    try {
      await unenrolled.signInAs(SUPERVISOR);
      const refused = await unenrolled.call('closeDay', { date: DAY });
      expect(!refused.ok && refused.error.code).toBe('DAY_CLOSE_NOT_ENROLLED');
    } finally {
      await unenrolled.remove();
    }
  });
});
