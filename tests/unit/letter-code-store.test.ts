import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceSignerSource } from '../../electron/services/evidence/device-signer-source';
import { checkLetterCode } from '../../electron/services/evidence/letter-code';
import { createLetterPdfRenderer } from '../../renderer/pdf/letter-pdf';
import { QR_QUIET_MODULES, QR_SIZE } from '../../renderer/pdf/letter-style';
import { readLetterQr } from '../../scripts/letter-qr';
import { LATIN_FONT_PATH, LETTER_FONT_PATH, SAMPLE_ISSUED_AT, loadCatalog, sampleLetter, sampleSignature } from '../../scripts/letter';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { recordFilePath } from '../../electron/services/records/record-paths';
import type { DeviceSettings, HostHandlers } from '../../shared/contract/host-contract';
import type { Result } from '../../shared/contract/result';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { reviewedDraft } from './fixtures/case-fixtures';
import { callOn, testHandlers, value } from './fixtures/test-host';


let root: string;
let dataDir: string;
let device: DeviceSettings;

const handlersOn = (dir: string): HostHandlers => testHandlers({ dataDir: dir, archiveDir: path.join(root, 'archive') });

const call = callOn;

const codeOf = async (handlers: HostHandlers, record: SealedRecord): Promise<Result<{ code: string }>> => call(handlers, 'letterCode', { caseNumber: record.caseNumber });


/** Sealed by main, by the signed-in administrator, from a draft of the real case flow. */
const sealOn = async (draftId = 'draft-1'): Promise<SealedRecord> =>
  value(await call<SealedRecord>(handlers, 'sealCase', { draft: reviewedDraft(device, { clerkId: 'M001', name: '赵管理' }, draftId) }));

let handlers: HostHandlers;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'letter-code-store-'));
  dataDir = path.join(root, 'data');
  handlers = handlersOn(dataDir);
  device = value(await call<DeviceSettings>(handlers, 'configureDevice', { counterId: 'C01', agencyName: '某市人力资源和社会保障局' }));
  value(await call(handlers, 'createAdministrator', { clerkId: 'M001', name: '赵管理', pin: '975310' }));
  value(await call(handlers, 'signIn', { clerkId: 'M001', pin: '975310' }));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('the letter code, signed once by main (host method letterCode)', () => {
  it('signs a record once and answers the very same code again, concurrently and after a restart', async () => {
    const record = await sealOn();
    const [first, racing] = await Promise.all([codeOf(handlers, record), codeOf(handlers, record)]);
    const code = value(first).code;
    expect(value(racing).code).toBe(code);
    expect(value(await codeOf(handlers, record)).code).toBe(code);
    // A new process (new handlers, same data folder) reads the kept code instead of signing anew.
    const restarted = handlersOn(dataDir);
    value(await call(restarted, 'signIn', { clerkId: 'M001', pin: '975310' }));
    expect(value(await codeOf(restarted, record)).code).toBe(code);

    const signer = await deviceSignerSource({ dataDir })();
    const keys = [{ suite: signer.suite, keyId: signer.keyId, publicKey: signer.publicKey, deviceId: null }];
    expect(await checkLetterCode(code, keys)).toEqual({ status: 'signed', caseNumber: record.caseNumber, recordHash: record.hash, keyId: signer.keyId });
    // Each record has its own code.
    const second = await sealOn('draft-2');
    expect(value(await codeOf(handlers, second)).code).not.toBe(code);
  });

  it('is kept in the record file: refuses a case main never sealed, an altered kept code, and a caller without a session', async () => {
    const record = await sealOn();
    // Only records main sealed have a code: the next case number has none.
    const unsealed = await call(handlers, 'letterCode', { caseNumber: record.caseNumber.replace(/\d{4}$/, '0099') });
    expect(!unsealed.ok && unsealed.error.code).toBe('RECORD_NOT_FOUND');
    const code = value(await codeOf(handlers, record)).code;
    // Signed with the record at sealing and kept in its (encrypted, ledgered) record file, not apart.
    expect(await readdir(path.join(dataDir, 'letter-codes')).catch(() => [])).toEqual([]);
    const recordFile = path.join(root, 'archive', ...recordFilePath(record.caseNumber).split('/'));
    const file = JSON.parse(await readFile(recordFile, 'utf8')) as { envelope: { letterCode: string } };
    expect(file.envelope.letterCode).toBe(code);

    // The code in the file altered (one signature character) is refused, not answered.
    const at5 = code.length - 5;
    const altered = `${code.slice(0, at5)}${code[at5] === 'A' ? 'B' : 'A'}${code.slice(at5 + 1)}`;
    await writeFile(recordFile, `${canonicalJson({ ...file, envelope: { ...file.envelope, letterCode: altered } })}\n`);
    const refused = await codeOf(handlers, record);
    expect(!refused.ok && refused.error.code).toBe('LETTER_CODE_CONFLICT');

    value(await call(handlers, 'signOut', {}));
    const signedOut = await codeOf(handlers, record);
    expect(signedOut.ok).toBe(false);
  });

  it('goes into the letter’s QR: read off the rendered page it is the code, at modules of at least 0.33 mm', async () => {
    const record = await sealOn();
    const code = value(await codeOf(handlers, record)).code;
    const renderer = createLetterPdfRenderer(new Uint8Array(await readFile(LETTER_FONT_PATH)), new Uint8Array(await readFile(LATIN_FONT_PATH)));
    const matter = loadCatalog().matters.find((candidate) => !candidate.sample)!;
    const document = sampleLetter(matter, 'commitment', record.caseNumber, '张三', false);
    const pdf = renderer.render({ document, signature: sampleSignature(), qrPayload: code, issuedAt: SAMPLE_ISSUED_AT, fileId: record.hash.slice(0, 32) });
    const file = path.join(root, 'letter.pdf');
    await writeFile(file, pdf);
    expect(await readLetterQr(file)).toMatchObject({ status: 'found', text: code });
    // Without pdftoppm the reader says so (verify then falls back to the ledger check).
    expect(await readLetterQr(file, path.join(root, 'no-such-pdftoppm'))).toEqual({ status: 'no_pdftoppm' });

    const modules = QRCode.create(code, { errorCorrectionLevel: 'M' }).modules.size;
    expect(QR_SIZE / (modules + 2 * QR_QUIET_MODULES)).toBeGreaterThanOrEqual(0.33);
  });
});
