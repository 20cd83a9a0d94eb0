/**
 * The receipts half of `npm run verify`: the central system's signed receipts, as the counter keeps
 * them (`<data folder>/receipts/receipts.jsonl`), are the anchor the archive alone lacks. Each receipt
 * is checked with the counter's own code (receipt-check.ts) against the server key given by the
 * auditor, then every line it receipts must still be in the local ledger with the same hash: a
 * receipted line that is gone means the newest records were deleted (or the ledger cut short); one
 * that is there with another hash means the local history was rewritten — even when the rewritten
 * chain verifies on its own, signed by the device's own key.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LedgerEntry } from '../electron/services/archive-ledger';
import { AUDIT_LOG_FILE, parseAuditLog } from '../electron/services/audit-log';
import { readFileIfExists } from '../electron/services/atomic-file';
import { fromHex } from '../electron/services/crypto/bytes';
import { isSuiteName, loadSuite } from '../electron/services/crypto/suite';
import { keyIdOf } from '../electron/services/device-key';
import { entryIsLine, receiptSignatureProblem } from '../electron/services/sync/receipt-check';
import { RECEIPTS_DIR, RECEIPTS_FILE } from '../electron/services/sync/receipt-store';
import { publicKeyInfoSchema, type PublicKeyInfo } from '../shared/sync/enroll';
import { signedReceiptSchema, type ReceiptEntry, type SignedReceipt } from '../shared/sync/push';

export class ReceiptInputError extends Error {}

/**
 * The server key as the auditor was given it: `gm:04…` / `intl:04…`, or a file holding that text or
 * the key as JSON (`{ suite, publicKey[, keyId] }`, the shape enrollment hands the counter).
 */
export const readServerKey = async (value: string, cwd: string): Promise<PublicKeyInfo> => {
  const inline = async (text: string): Promise<PublicKeyInfo | null> => {
    const match = /^([a-z]+):(04[0-9a-f]{128})$/.exec(text.trim());
    if (!match) return null;
    const [, suite, publicKey] = match as unknown as [string, string, string];
    if (!isSuiteName(suite)) throw new ReceiptInputError(`未知的密码套件：${suite}`);
    return { suite, publicKey, keyId: keyIdOf(await loadSuite(suite), fromHex(publicKey)) };
  };
  const given = await inline(value);
  if (given) return given;
  // `suite:…` not a valid point is a mistyped key, not a file name (a Windows path has a separator after its drive).
  if (/^[a-z]+:[^/\\]*$/.test(value)) throw new ReceiptInputError(`中心系统公钥格式不符：${value}`);
  const text = await readFile(path.resolve(cwd, value), 'utf8').catch(() => {
    throw new ReceiptInputError(`无法读取中心系统公钥文件：${value}`);
  });
  const fromText = await inline(text);
  if (fromText) return fromText;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ReceiptInputError(`中心系统公钥文件无效：${value}`);
  }
  const parsed = publicKeyInfoSchema.omit({ keyId: true }).safeParse({ suite: raw.suite, publicKey: raw.publicKey });
  if (!parsed.success) throw new ReceiptInputError(`中心系统公钥文件无效：${value}`);
  const keyId = keyIdOf(await loadSuite(parsed.data.suite), fromHex(parsed.data.publicKey));
  if (raw.keyId !== undefined && raw.keyId !== keyId) throw new ReceiptInputError(`中心系统公钥文件的密钥编号与公钥不符：${value}`);
  return { ...parsed.data, keyId };
};

/**
 * The receipts file: given as the file, the counter's data folder or its `receipts` folder; without
 * it, where the app keeps it beside the archive (`<userData>/letter-archive` and `<userData>/receipts`).
 */
export const locateReceipts = async (given: string | undefined, archiveRoot: string, cwd: string): Promise<string> => {
  const candidates = given === undefined
    ? [path.join(path.dirname(archiveRoot), RECEIPTS_DIR, RECEIPTS_FILE)]
    : (await stat(path.resolve(cwd, given)).then((info) => info.isDirectory(), () => false))
      ? [path.join(path.resolve(cwd, given), RECEIPTS_FILE), path.join(path.resolve(cwd, given), RECEIPTS_DIR, RECEIPTS_FILE)]
      : [path.resolve(cwd, given)];
  for (const candidate of candidates) if (await stat(candidate).then((info) => info.isFile(), () => false)) return candidate;
  throw new ReceiptInputError(`找不到回执文件：${candidates.join(' 或 ')}`);
};

export type ReceiptFinding =
  | { problem: 'unreadable'; line: number }
  | { problem: 'key' | 'signature'; line: number }
  | { problem: 'device'; line: number; deviceId: string }
  /** Consecutive receipted lines the local ledger no longer has; `newest` when none of ours follows them. */
  | { problem: 'deleted'; entries: ReceiptEntry[]; newest: boolean }
  | { problem: 'rewritten'; entries: Array<{ receipted: ReceiptEntry; ours: LedgerEntry }> }
  | { problem: 'audit_deleted' | 'audit_rewritten'; seq: number; line: number };

export interface ReceiptAnchor {
  /** The newest receipted ledger line, and what the central system said of it. */
  entry: ReceiptEntry;
  /** Ledger lines after it: not anchored, their deletion still undetectable. */
  unanchored: number;
  auditSeq: number;
}

export interface ReceiptsCheck {
  file: string;
  /** Receipts read (lines that parse), and of them the ones that hold for this archive's device. */
  receipts: number;
  valid: number;
  /** The device the receipts were checked for (null when neither the archive nor the receipts name one). */
  deviceId: string | null;
  findings: ReceiptFinding[];
  /** Set when every receipt holds and at least one receipted a line. */
  anchor: ReceiptAnchor | null;
}

/** Runs of consecutive seqs, so a truncated ledger of thousands of lines is named in a few lines. */
const runsOf = <T>(items: readonly T[], seqOf: (item: T) => number): T[][] => {
  const runs: T[][] = [];
  for (const item of items) {
    const last = runs.at(-1);
    if (last && seqOf(last.at(-1)!) + 1 === seqOf(item)) last.push(item);
    else runs.push([item]);
  }
  return runs;
};

export const checkReceipts = async (
  file: string,
  serverKey: PublicKeyInfo,
  archive: { root: string; entries: readonly LedgerEntry[]; deviceIds: readonly string[] },
): Promise<ReceiptsCheck> => {
  const text = (await readFile(file)).toString('utf8');
  const findings: ReceiptFinding[] = [];
  const signed: Array<{ line: number; receipt: SignedReceipt }> = [];
  // A torn last line (a power cut while the counter appended) was never a receipt: the counter ignores it too.
  text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .forEach((raw, index) => {
      if (raw.trim() === '') return;
      try {
        signed.push({ line: index + 1, receipt: signedReceiptSchema.parse(JSON.parse(raw)) });
      } catch {
        findings.push({ problem: 'unreadable', line: index + 1 });
      }
    });

  const genuine: typeof signed = [];
  for (const item of signed) {
    const problem = await receiptSignatureProblem(item.receipt, serverKey);
    if (problem) findings.push({ problem, line: item.line });
    else genuine.push(item);
  }
  // An archive that names no device (unsigned, before device keys were published) is checked for the one device its receipts name.
  const receiptDevices = [...new Set(genuine.map(({ receipt }) => receipt.statement.deviceId))];
  const devices = archive.deviceIds.length > 0 ? archive.deviceIds : receiptDevices.length === 1 ? receiptDevices : [];
  const ours = genuine.filter(({ receipt, line }) => {
    if (devices.includes(receipt.statement.deviceId)) return true;
    findings.push({ problem: 'device', line, deviceId: receipt.statement.deviceId });
    return false;
  });

  const ledger = new Map(archive.entries.map((entry) => [entry.seq, entry]));
  const localHead = Math.max(0, ...archive.entries.map((entry) => entry.seq));
  const receipted = new Map<string, ReceiptEntry>();
  for (const { receipt } of ours) for (const entry of receipt.statement.entries) receipted.set(`${entry.seq}:${entry.hash}`, entry);
  const entries = [...receipted.values()].sort((a, b) => a.seq - b.seq);
  const missing = entries.filter((entry) => !ledger.has(entry.seq));
  for (const run of runsOf(missing, (entry) => entry.seq)) findings.push({ problem: 'deleted', entries: run, newest: run[0]!.seq > localHead });
  const changed = entries.filter((entry) => ledger.has(entry.seq) && !entryIsLine(entry, ledger.get(entry.seq))).map((entry) => ({ receipted: entry, ours: ledger.get(entry.seq)! }));
  for (const run of runsOf(changed, (item) => item.receipted.seq)) findings.push({ problem: 'rewritten', entries: run });

  // The newest audit head vouches, through the audit chain, for every audit line before it.
  const newestAudit = ours.reduce<{ line: number; seq: number; hash: string } | null>(
    (best, { line, receipt }) => (receipt.statement.auditHead.seq > (best?.seq ?? 0) ? { line, ...receipt.statement.auditHead } : best),
    null,
  );
  if (newestAudit) {
    const audit = parseAuditLog((await readFileIfExists(path.join(archive.root, AUDIT_LOG_FILE)))?.toString('utf8') ?? '');
    const local = audit.entries.find((entry) => entry.seq === newestAudit.seq);
    if (!local) findings.push({ problem: 'audit_deleted', seq: newestAudit.seq, line: newestAudit.line });
    else if (local.hash !== newestAudit.hash) findings.push({ problem: 'audit_rewritten', seq: newestAudit.seq, line: newestAudit.line });
  }

  const newest = entries.at(-1);
  const anchor =
    findings.length === 0 && newest
      ? { entry: newest, unanchored: archive.entries.filter((entry) => entry.seq > newest.seq).length, auditSeq: newestAudit?.seq ?? 0 }
      : null;
  return { file, receipts: signed.length, valid: ours.length, deviceId: devices.length === 1 ? devices[0]! : null, findings, anchor };
};
