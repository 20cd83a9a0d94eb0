import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostHandlers, type ApplicantScreenControl } from '../../electron/services/host-handlers';
import type { PrintRequest, PrintService } from '../../electron/services/printing';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { hostMethods, type DeviceSettings, type HostHandlers } from '../../shared/contract/host-contract';
import type { HostError, Result } from '../../shared/contract/result';
import type { CounterContext } from '../../shared/domain/case-draft';
import { shanghaiDate } from '../../shared/domain/case-number';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { applicant, reviewedDraft } from './fixtures/case-fixtures';
import { enText, zhText } from './fixtures/host-text';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, keylen: 32 };

let root: string;
let dataDir: string;
let archiveDir: string;
let handlers: HostHandlers;
let printed: PrintRequest[];
let printService: PrintService;
let screen: { opens: number; closes: number; mode: 'second-display' | 'handover' };
/** Every error the tests saw: none may carry personal data, neither as sent nor as worded. */
const errors: HostError[] = [];

const call = async <T = unknown>(method: unknown, arg?: unknown): Promise<Result<T>> => {
  const result = (await dispatchHostCall(handlers, method, arg)) as Result<T>;
  if (!result.ok) errors.push(result.error);
  return result;
};

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${zhText(result.error)}`);
  return result.value;
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'host-test-'));
  dataDir = path.join(root, 'data');
  archiveDir = path.join(root, 'archive');
  printed = [];
  screen = { opens: 0, closes: 0, mode: 'handover' };
  const applicantScreen: ApplicantScreenControl = {
    open: async () => {
      screen.opens += 1;
      return screen.mode;
    },
    close: async () => {
      screen.closes += 1;
      return screen.mode === 'second-display';
    },
  };
  // The handlers' wiring only: printing itself is tested against a real CUPS (tests/integration, e2e).
  const print: PrintService = {
    print: async (request) => {
      printed.push(request);
      return { status: 'queued', jobId: 'PDF-1', printer: request.printer ?? 'PDF' };
    },
    jobStatus: async () => ({ status: 'done' }),
    listPrinters: async () => ({
      ok: true,
      value: [
        { name: 'PDF', description: 'PDF', isDefault: true, accepting: true, state: 'idle', message: null },
        { name: 'Office Laser', description: '二楼激光打印机', isDefault: false, accepting: true, state: 'idle', message: null },
      ],
    }),
  };
  printService = print;
  handlers = createHostHandlers({ dataDir, archiveDir, appVersion: '9.9.9', applicantScreen, print, scryptParams: FAST_SCRYPT });
});
afterEach(() => rm(root, { recursive: true, force: true }));

const configure = async (): Promise<DeviceSettings> =>
  value(await call<DeviceSettings>('configureDevice', { counterId: 'C01', agencyName: '某市人力资源和社会保障局' }));

/** The device's first administrator, signed in: what most methods need (host-access.test.ts). */
const asAdministrator = async (): Promise<void> => {
  value(await call('createAdministrator', { clerkId: 'M001', name: '赵管理', pin: '975310' }));
  value(await call('signIn', { clerkId: 'M001', pin: '975310' }));
};

/** The administrator asAdministrator signs in as, who seals in these tests. */
const administrator = { clerkId: 'M001', name: '赵管理' };

/** A record sealed by main through the host contract, from a draft of the real case flow. */
const sealOn = async (device: CounterContext, draftId = 'draft-1'): Promise<SealedRecord> =>
  value(await call<SealedRecord>('sealCase', { draft: reviewedDraft(device, administrator, draftId) }));

/** Where the archive files a record's letter: its Asia/Shanghai day of sealing and its counter. */
const letterPathOf = (record: SealedRecord) => `${shanghaiDate(new Date(record.timestamps.sealedAt))}/${record.device.counterId}/${record.caseNumber}.pdf`;

const PDF = Buffer.from('%PDF-1.7\n% letter\n%%EOF\n');

describe('the host contract, through dispatchHostCall', () => {
  // That every method of the contract is implemented is the type check's to show (HostHandlers): a
  // test comparing the handlers' keys with the list they are built from could never fail.

  it('reports the setup state of a new device', async () => {
    expect(await call('getSetup', {})).toEqual({ ok: true, value: { device: null, clerkCount: 0, appVersion: '9.9.9', secretsProtectedByOs: false } });
  });

  it('says whether the OS protects its secrets: the SecretStore’s word, and no when there is none (a key file)', async () => {
    const protectedStore = { protectedByOs: true, backend: 'test keyring', seal: async (plain: Uint8Array) => plain, open: async (sealed: Uint8Array) => sealed };
    const withKeyring = createHostHandlers({ dataDir, archiveDir, appVersion: '9.9.9', applicantScreen: { open: async () => 'handover', close: async () => false }, print: printService, secrets: protectedStore });
    expect(await dispatchHostCall(withKeyring, 'getSetup', {})).toMatchObject({ ok: true, value: { secretsProtectedByOs: true } });
    expect(value(await call('getSetup', {}))).toMatchObject({ secretsProtectedByOs: false });
  });

  it('configures the device once, then refuses with a clear message', async () => {
    const device = await configure();
    expect(device).toMatchObject({ counterId: 'C01', agencyName: '某市人力资源和社会保障局' });
    expect(value(await call('getSetup', {}))).toEqual({ device, clerkCount: 0, appVersion: '9.9.9', secretsProtectedByOs: false });
    const again = await call('configureDevice', { counterId: 'C02', agencyName: '另一个局' });
    expect(!again.ok && again.error.code).toBe('DEVICE_ALREADY_CONFIGURED');
  });

  it('refuses a bad argument with INVALID_ARGUMENT before any handler runs', async () => {
    const ran: string[] = [];
    const spy = Object.fromEntries(
      hostMethods.map((method) => [
        method,
        async (arg: unknown) => {
          ran.push(method);
          return (handlers[method] as (a: unknown) => Promise<unknown>)(arg);
        },
      ]),
    ) as unknown as HostHandlers;

    const bad: Array<[string, unknown]> = [
      ['configureDevice', { counterId: 'c-01', agencyName: '某局' }],
      ['configureDevice', { counterId: 'C01', agencyName: '某市人社局', extra: true }],
      ['createAccount', { clerkId: 'A001', name: '王窗口', pin: '12345', role: 'clerk' }],
      ['signIn', { clerkId: 'A001', pin: '12345a' }],
      ['printLetter', { relativePath: '../../etc/passwd', copies: 1 }],
      ['printLetter', { relativePath: '2026-11-28/C01/C01-20261128-0001.pdf', copies: 50 }],
      ['readArchivedLetter', { relativePath: '2026-11-28/C01/../../x.pdf' }],
      ['archiveLetter', { caseNumber: 'C01-20261128-0001/../x', pdfBase64: 'JVBERi0=' }],
      ['sealCase', { draft: { draftId: 'x' } }],
      ['sealCase', { draft: reviewedDraft(), sequence: 7, prevHash: '0'.repeat(64) }],
    ];
    for (const [method, arg] of bad) {
      const result = await dispatchHostCall(spy, method, arg);
      expect(!result.ok && result.error.code, method).toBe('INVALID_ARGUMENT');
      if (!result.ok) errors.push(result.error);
    }
    expect(ran).toEqual([]);
    expect(await readdir(root)).toEqual([]);
    expect((await dispatchHostCall(spy, 'formatDisk', {})).ok).toBe(false);
  });

  it('names refused arguments by their paths, which the reader words with labels and never as code names', async () => {
    const refused = async (method: string, arg: unknown) => {
      const result = await dispatchHostCall(handlers, method, arg);
      if (result.ok) throw new Error(`${method} was not refused`);
      return result.error;
    };
    const pin = await refused('signIn', { clerkId: 'A001', pin: '12345a' });
    expect(pin).toEqual({ code: 'INVALID_ARGUMENT', key: 'host.error.invalid_argument', params: { fields: ['pin'] } });
    expect(JSON.stringify(pin)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(zhText(pin)).toBe('提交的数据不完整或格式不正确：密码。');
    expect(enText(pin)).toBe('The data sent is incomplete or malformed: PIN.');

    const both = await refused('releaseHandoverWait', { clerkId: 'A', supervisor: { clerkId: 'B002', pin: 'x' } });
    expect(both.params).toEqual({ fields: ['clerkId', 'supervisor.pin'] });
    expect(zhText(both)).toBe('提交的数据不完整或格式不正确：工号、负责人密码。');
    const role = await refused('createAccount', { clerkId: 'A001', name: '王窗口', pin: '111111', role: 'root' });
    expect(zhText(role)).toBe('提交的数据不完整或格式不正确：角色。');

    // A nested path takes its labelled parent's label, once.
    const draft = await refused('sealCase', { draft: { ...reviewedDraft(), applicant: { name: '' } } });
    expect(zhText(draft)).toBe('提交的数据不完整或格式不正确：案件。');

    // An unknown field (its name is the caller's, not ours) or no object at all: a sentence without names.
    for (const error of [await refused('configureDevice', { counterId: 'C01', agencyName: '某市人社局', extra: true }), await refused('signIn', 'A001')]) {
      expect(error.params).toEqual({ fields: [] });
      expect(zhText(error)).toBe('提交的数据不完整或格式不正确。');
      expect(enText(error)).toBe('The data sent is incomplete or malformed.');
    }
  });

  it('creates the first administrator, who creates a clerk, who signs in', async () => {
    await configure();
    expect(value(await call('createAdministrator', { clerkId: 'A001', name: '王管理', pin: '482913' }))).toEqual({ clerkId: 'A001', name: '王管理', role: 'administrator' });
    const second = await call('createAdministrator', { clerkId: 'B002', name: '李窗口', pin: '135790' });
    expect(!second.ok && second.error.code).toBe('SETUP_DONE');
    const unsigned = await call('createAccount', { clerkId: 'B002', name: '李窗口', pin: '135790', role: 'clerk' });
    expect(!unsigned.ok && unsigned.error.code).toBe('NO_SESSION');
    value(await call('signIn', { clerkId: 'A001', pin: '482913' }));
    value(await call('createAccount', { clerkId: 'B002', name: '李窗口', pin: '135790', role: 'clerk' }));
    expect(value(await call<{ account: unknown }>('signIn', { clerkId: 'B002', pin: '135790' })).account).toEqual({ clerkId: 'B002', name: '李窗口', role: 'clerk' });
    const wrong = await call('signIn', { clerkId: 'B002', pin: '000000' });
    const unknown = await call('signIn', { clerkId: 'X999', pin: '135790' });
    expect(unknown).toEqual(wrong);
    expect(value(await call('getSetup', {}))).toMatchObject({ clerkCount: 2 });
  });

  it('archives a letter and reads it back byte for byte', async () => {
    const device = await configure();
    await asAdministrator();
    const record = await sealOn(device);
    const archived = value(await call<{ relativePath: string; sha256: string; bytes: number }>('archiveLetter', { caseNumber: record.caseNumber, pdfBase64: PDF.toString('base64') }));
    expect(archived).toEqual({
      relativePath: letterPathOf(record),
      sha256: createHash('sha256').update(PDF).digest('hex'),
      bytes: PDF.length,
    });
    const read = value(await call<{ pdfBase64: string; sha256: string }>('readArchivedLetter', { relativePath: archived.relativePath }));
    expect(Buffer.from(read.pdfBase64, 'base64')).toEqual(PDF);
    expect(read.sha256).toBe(archived.sha256);
    // A retry after a lost answer is harmless.
    expect(value(await call('archiveLetter', { caseNumber: record.caseNumber, pdfBase64: PDF.toString('base64') }))).toEqual(archived);
  });

  it('archives letters only of records main sealed', async () => {
    const device = await configure();
    await asAdministrator();
    const record = await sealOn(device);
    // A case number main never sealed (the next one): nothing to hang a letter on.
    const next = record.caseNumber.replace(/\d{4}$/, '0002');
    const result = await call('archiveLetter', { caseNumber: next, pdfBase64: PDF.toString('base64') });
    expect(!result.ok && result.error.code).toBe('RECORD_NOT_FOUND');
    expect(await readdir(path.join(archiveDir, ...letterPathOf(record).split('/').slice(0, 2)))).toEqual([`${record.caseNumber}.record.json`]);
  });

  it('refuses to seal before the device is configured, or a draft of another device', async () => {
    await asAdministrator();
    const early = await call('sealCase', { draft: reviewedDraft({ deviceId: 'other-device', counterId: 'C01', agencyName: '某局' }, administrator) });
    expect(!early.ok && early.error.code).toBe('DEVICE_NOT_CONFIGURED');
    await configure();
    const other = await call('sealCase', { draft: reviewedDraft({ deviceId: 'other-device', counterId: 'C01', agencyName: '某局' }, administrator) });
    expect(!other.ok && other.error.code).toBe('SEAL_OTHER_DEVICE');
  });

  it('prints the archived file itself', async () => {
    const device = await configure();
    await asAdministrator();
    const record = await sealOn(device);
    const { relativePath } = value(await call<{ relativePath: string }>('archiveLetter', { caseNumber: record.caseNumber, pdfBase64: PDF.toString('base64') }));
    expect(value(await call('printLetter', { relativePath, copies: 2 }))).toEqual({ status: 'queued', jobId: 'PDF-1', printer: 'PDF' });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ copies: 2, printer: null, title: record.caseNumber });
    // The archived letter's PDF itself, opened in memory; on disk it is sealed.
    expect(Buffer.from(printed[0]!.pdf).equals(PDF)).toBe(true);
    const onDisk = await readFile(path.join(archiveDir, ...relativePath.split('/')));
    expect(onDisk.subarray(0, 5).toString('latin1')).not.toBe('%PDF-');
    expect(onDisk.subarray(0, 10).toString('latin1')).toBe('CCSEALED1\n');
  });

  it('prints on the printer chosen for this device, and refuses to choose one the system does not have', async () => {
    const device = await configure();
    await asAdministrator();
    const record = await sealOn(device);
    const { relativePath } = value(await call<{ relativePath: string }>('archiveLetter', { caseNumber: record.caseNumber, pdfBase64: PDF.toString('base64') }));
    expect(value(await call('getPrintSettings', {}))).toEqual({ printer: null });
    const unknown = await call('choosePrinter', { printer: 'Basement' });
    if (unknown.ok) throw new Error('an unknown printer was chosen');
    expect(unknown.error).toEqual({ code: 'PRINTER_UNKNOWN', key: 'host.printer.unknown', params: { printer: 'Basement' } });
    expect(zhText(unknown.error)).toBe('系统中没有名为“Basement”的打印机，未保存。请从列表中选择。');
    expect(enText(unknown.error)).toBe('The system has no printer named “Basement”; nothing was saved. Choose one from the list.');
    expect(value(await call('choosePrinter', { printer: 'Office Laser' }))).toEqual({ printer: 'Office Laser' });
    expect(!(await call('choosePrinter', { printer: '../etc' })).ok).toBe(true);

    // A restart keeps the choice.
    handlers = createHostHandlers({ dataDir, archiveDir, appVersion: '9.9.9', applicantScreen: { open: async () => 'handover', close: async () => false }, print: printService, scryptParams: FAST_SCRYPT });
    // (and signs everyone out: sessions live in main's memory only)
    value(await call('signIn', { clerkId: 'M001', pin: '975310' }));
    expect(value(await call('getPrintSettings', {}))).toEqual({ printer: 'Office Laser' });
    await call('printLetter', { relativePath, copies: 1 });
    expect(printed.at(-1)).toMatchObject({ printer: 'Office Laser', copies: 1 });
    expect(value(await call('choosePrinter', { printer: null }))).toEqual({ printer: null });
  });

  it('archives a reprint beside the letter and prints it', async () => {
    const device = await configure();
    await asAdministrator();
    const record = await sealOn(device);
    const { relativePath } = value(await call<{ relativePath: string }>('archiveLetter', { caseNumber: record.caseNumber, pdfBase64: PDF.toString('base64') }));
    const reprintPdf = Buffer.from('%PDF-1.7\n% reprint\n%%EOF\n');
    const reprint = value(await call<{ relativePath: string }>('archiveReprint', { letterPath: relativePath, pdfBase64: reprintPdf.toString('base64') }));
    expect(reprint.relativePath).toBe(relativePath.replace('.pdf', '.reprint-1.pdf'));
    expect(value(await call('printLetter', { relativePath: reprint.relativePath, copies: 1 }))).toMatchObject({ status: 'queued' });
    expect(printed.at(-1)).toMatchObject({ title: `${record.caseNumber}.reprint-1` });
    expect(value(await call('printJobStatus', { jobId: 'PDF-1' }))).toEqual({ status: 'done' });
  });

  it('does not print an archived letter whose bytes are no longer those the ledger recorded', async () => {
    const device = await configure();
    await asAdministrator();
    const record = await sealOn(device);
    const { relativePath } = value(await call<{ relativePath: string }>('archiveLetter', { caseNumber: record.caseNumber, pdfBase64: PDF.toString('base64') }));
    const file = path.join(archiveDir, ...relativePath.split('/'));
    const original = await readFile(file);
    // One byte changed, as a forger replacing the letter on disk would.
    await writeFile(file, Buffer.concat([original.subarray(0, original.length - 2), Buffer.from('X\n')]));
    const result = await call('printLetter', { relativePath, copies: 1 });
    if (result.ok) throw new Error('an altered letter was printed');
    expect(result.error).toEqual({ code: 'ARCHIVE_FILE_ALTERED', key: 'host.archive.file_altered' });
    expect(zhText(result.error)).toContain('已停止打印');
    expect(printed).toEqual([]);
    // Put back, it prints again.
    await writeFile(file, original);
    expect(value(await call('printLetter', { relativePath, copies: 1 }))).toMatchObject({ status: 'queued' });
  });

  it('does not print a letter that is not in the archive', async () => {
    await asAdministrator();
    const result = await call('printLetter', { relativePath: '2026-11-28/C01/C01-20261128-0042.pdf', copies: 1 });
    expect(!result.ok && result.error.code).toBe('ARCHIVE_NOT_FOUND');
    expect(printed).toEqual([]);
  });

  it('opens and closes the applicant screen through the window control', async () => {
    await asAdministrator();
    expect(value(await call('openApplicantScreen', {}))).toEqual({ mode: 'handover' });
    expect(value(await call('closeApplicantScreen', {}))).toEqual({ closed: false });
    screen.mode = 'second-display';
    expect(value(await call('openApplicantScreen', {}))).toEqual({ mode: 'second-display' });
    expect(value(await call('closeApplicantScreen', {}))).toEqual({ closed: true });
    expect(screen).toMatchObject({ opens: 2, closes: 2 });
  });

  it('answers a storage failure with a sentence, not a crash', async () => {
    await writeFile(path.join(root, 'blocker'), 'x');
    handlers = createHostHandlers({
      dataDir: path.join(root, 'blocker', 'data'),
      archiveDir,
      appVersion: '9.9.9',
      applicantScreen: { open: async () => 'handover', close: async () => false },
      print: printService,
    });
    const result = await call('configureDevice', { counterId: 'C01', agencyName: '某市人社局' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('STORAGE_FAILED');
    // The errno stays a code inside the message.
    expect(!result.ok && result.error).toEqual({ code: 'STORAGE_FAILED', key: 'host.error.storage_failed', params: { code: 'ENOTDIR' } });
    expect(!result.ok && zhText(result.error)).toMatch(/本机数据未能保存（ENOTDIR）/);
  });

  it('never puts personal data into an answer', async () => {
    // Runs after the other tests of this file have filled `errors`.
    expect(errors.length).toBeGreaterThan(5);
    for (const error of errors) {
      for (const text of [JSON.stringify(error), zhText(error), enText(error)]) {
        expect(text).not.toContain(applicant.name);
        expect(text).not.toContain(applicant.idNumber);
        expect(text).not.toMatch(/482913|135790/);
      }
      expect(zhText(error)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
