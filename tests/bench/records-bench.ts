import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SuiteName } from '../../electron/services/crypto/suite';
import { createHostHandlers } from '../../electron/services/host-handlers';
import { createPersonalDataCipher } from '../../electron/services/personal-data/personal-data-cipher';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { FALLBACK_SECRET_KEY_FILE } from '../../electron/services/identity';
import { RECORD_INDEX_FILE, recordIndexLine } from '../../electron/services/records/record-index';
import { recordFolderPath } from '../../electron/services/records/record-paths';
import { createSampleRenderer } from '../../scripts/letter';
import { loadSuite } from '../../electron/services/crypto/suite';
import { deviceSignerSource } from '../../electron/services/evidence/device-signer-source';
import { sealedRecordFileBytes } from '../../electron/services/evidence/sealed-record-file';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import type { HostHandlers, RecordSummary } from '../../shared/contract/host-contract';
import type { Result } from '../../shared/contract/result';
import { formatCaseNumber } from '../../shared/domain/case-number';
import { normalizeIdNumber } from '../../shared/domain/id-documents';
import { GENESIS_HASH, type SealedRecord } from '../../shared/domain/sealed-record';
import { letterForRecord } from '../../shared/letter/record-letter';
import { reviewedDraft } from '../unit/fixtures/case-fixtures';
import { median } from './browser/median';
import { result, type BenchResult } from './bench-result';
import { sealSample } from './sealed-sample';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, keylen: 32 };

const handlersIn = (root: string, suite: SuiteName): HostHandlers =>
  createHostHandlers({
    dataDir: join(root, 'data'),
    archiveDir: join(root, 'archive'),
    appVersion: 'bench',
    applicantScreen: { open: async () => 'handover', close: async () => true },
    print: { print: async () => ({ status: 'queued', jobId: '1', printer: null }), jobStatus: async () => ({ status: 'done' }), listPrinters: async () => ({ ok: true, value: [] }) },
    scryptParams: FAST_SCRYPT,
    cryptoSuite: suite,
  });

const must = async <T>(handlers: HostHandlers, method: string, arg: unknown): Promise<T> => {
  const answer = (await dispatchHostCall(handlers, method, arg)) as Result<T>;
  if (!answer.ok) throw new Error(`bench ${method} refused: ${answer.error.code} ${JSON.stringify(answer.error.params ?? {})}`);
  return answer.value;
};

/** A configured device with its administrator signed in, who seals in the bench. */
const signedInDevice = async (root: string, suite: SuiteName) => {
  const handlers = handlersIn(root, suite);
  const device = await must<{ deviceId: string; counterId: string; agencyName: string }>(handlers, 'configureDevice', { counterId: 'C01', agencyName: '基准测试大厅' });
  await must(handlers, 'createAdministrator', { clerkId: 'M001', name: '基准', pin: '975310' });
  await must(handlers, 'signIn', { clerkId: 'M001', pin: '975310' });
  return { handlers, device };
};

/**
 * `seal_to_archived_ms`: from the sealCase call to the signed record and its letter on disk, as the
 * renderer does it — sealCase (main: check, chain, sign, record file, ledger, index, each flushed),
 * letterCode (main signs the QR's code), the letter rendered with jsPDF (the renderer's code, here in
 * Node), archiveLetter (file + ledger line flushed). Median of the seals after the first.
 */
export const sealToArchivedBench = async (suite: SuiteName, runs = 15): Promise<BenchResult[]> => {
  const root = await mkdtemp(join(tmpdir(), `counter-bench-seal-${suite}-`));
  try {
    const { handlers, device } = await signedInDevice(root, suite);
    const renderer = createSampleRenderer();
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const draft = reviewedDraft(device, { clerkId: 'M001', name: '基准' }, `bench-${run}`);
      const start = performance.now();
      const record = await must<SealedRecord>(handlers, 'sealCase', { draft });
      const { code } = await must<{ code: string }>(handlers, 'letterCode', { caseNumber: record.caseNumber });
      const pdf = renderer.render({ document: letterForRecord(record), signature: record.signature, qrPayload: code, issuedAt: new Date(record.timestamps.sealedAt), fileId: record.hash.slice(0, 32) });
      await must(handlers, 'archiveLetter', { caseNumber: record.caseNumber, pdfBase64: Buffer.from(pdf).toString('base64') });
      times.push(performance.now() - start);
    }
    return [result(suite === 'gm' ? 'seal_to_archived_ms' : 'seal_to_archived_intl_ms', median(times.slice(1)), 'ms', 150)];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
};

const idNumberFor = (i: number): string => `11010519${String(40 + (i % 60)).padStart(2, '0')}${String(i).padStart(8, '0').slice(-8)}`;

/**
 * `search_id_200k_ms`: findSealedRecords on a device whose index holds `count` records — the blind
 * index of the ID number looked up in main's memory, then the matching record files read. The index
 * lines are written directly (sealing 200,000 records one by one would take the bench an hour); only
 * the records looked up are on disk, encrypted as main writes them, which is all a lookup reads and opens. Median of lookups after the first,
 * which also loads the index (printed).
 */
export const searchIdBench = async (count: number, lookups = 51): Promise<BenchResult[]> => {
  const root = await mkdtemp(join(tmpdir(), 'counter-bench-search-'));
  try {
    const dataDir = join(root, 'data');
    await mkdir(dataDir, { recursive: true });
    const cipher = await createPersonalDataCipher({ dataDir, secrets: createKeyFileSecretStore(join(dataDir, FALLBACK_SECRET_KEY_FILE)), suite: 'gm' });
    const { handlers } = await signedInDevice(root, 'gm');
    const suite = await loadSuite('gm');
    const signer = await deviceSignerSource({ dataDir, suite: 'gm' })();
    const template = await sealSample(0);
    const targets = new Set(Array.from({ length: lookups }, (_, i) => Math.floor((i * 7919) % count)));
    const lines: string[] = [];
    let prevHash = GENESIS_HASH;
    for (let i = 0; i < count; i += 1) {
      // 9,000 a day from 2026-01-01: every case number its own.
      const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 9000) * 86_400_000).toISOString().slice(0, 10);
      const caseNumber = formatCaseNumber('C01', day, 1 + (i % 9000));
      const hash = (i + 1).toString(16).padStart(64, '0');
      const entryPrevHash = prevHash;
      lines.push(recordIndexLine({ sequence: i + 1, caseNumber, hash, prevHash, sealedAt: template.timestamps.sealedAt, draftId: null, idIndex: cipher.blindIndex(normalizeIdNumber(idNumberFor(i))) }));
      if (targets.has(i)) {
        const prevHash = entryPrevHash;
        // Encrypted and signed as main writes them: a lookup opens each match with the data key.
        const record = { ...template, caseNumber, sequence: i + 1, prevHash, applicant: { ...template.applicant, idNumber: idNumberFor(i) } };
        const folder = join(root, 'archive', ...recordFolderPath(caseNumber).split('/'));
        await mkdir(folder, { recursive: true });
        await writeFile(join(folder, `${caseNumber}.record.json`), sealedRecordFileBytes({ ...record, hash }, suite, signer, cipher, null));
      }
      prevHash = hash;
    }
    await writeFile(join(dataDir, RECORD_INDEX_FILE), lines.join(''));
    const times: number[] = [];
    for (const target of targets) {
      const start = performance.now();
      const found = await must<RecordSummary[]>(handlers, 'findSealedRecords', { idNumber: idNumberFor(target) });
      times.push(performance.now() - start);
      if (found.length !== 1) throw new Error(`expected one record for a lookup, got ${found.length}`);
    }
    console.log(`  record index of ${count} loaded with the first lookup in ${times[0]!.toFixed(0)} ms`);
    return [result(count === 200_000 ? 'search_id_200k_ms' : `search_id_${count}_ms`, median(times.slice(1)), 'ms', 20)];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
};
