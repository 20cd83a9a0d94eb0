/**
 * `npm run verify -- <letter.pdf | record.json | archive folder | QR text> [--public-key <file | suite:hex>]
 * [--receipts <receipts.jsonl | data folder> --server-key <file | suite:hex>]`:
 * offline checks of the archive's evidence. For a folder: every file against the ledger, the record
 * chains (sequence, links, gaps, forks — archive:verify's check), and then every signature — each
 * record's envelope, each ledger line, each line's suite digest of its file — with the device keys
 * published in the archive, or only the keys given with --public-key. For one record or letter: that
 * file against its ledger line and its record, with their signatures; a letter's QR, read off the page
 * (pdftoppm), against the record and its signature. For the text of a paper
 * letter's QR code (CCL2|…): its signature, with the key given. With the central system's receipts
 * and its key, a folder is also held against what the central system signed for (verify-receipts.ts):
 * deleted newest records and a rewritten history are then found, which the archive alone cannot show.
 *
 * Names exactly what fails. Exit codes: 0 sound, 1 anything wrong, 2 unreadable input or usage.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LEDGER_FILE, ledgerEntrySchema, type LedgerEntry } from '../electron/services/archive-ledger';
import { archiveIsSound, readLedger, verifyArchive } from '../electron/services/archive-verify';
import { readFileIfExists } from '../electron/services/atomic-file';
import { isSuiteName, loadSuite } from '../electron/services/crypto/suite';
import { fromHex } from '../electron/services/crypto/bytes';
import { keyIdOf } from '../electron/services/device-key';
import { parsePublishedKey, readPublishedKeys } from '../electron/services/evidence/archive-keys';
import { judgeEvidence, type EvidenceItem, type EvidenceReport, type TrustedKey } from '../electron/services/evidence/check-evidence';
import { sha256Hex } from '../electron/services/file-hash';
import { checkLetterCode } from '../electron/services/evidence/letter-code';
import { readRecordFile } from '../electron/services/evidence/signed-record';
import { listRecordFiles, RECORD_SUFFIX } from '../electron/services/archive-chain';
import { recordHash } from '../shared/domain/seal';
import { shanghaiDate } from '../shared/domain/case-number';
import { checkAuditLog } from '../electron/services/evidence/check-audit-log';
import { formatReport } from './archive-verify';
import { describeAuditLog } from './verify-audit-text';
import { checkLetterQr } from './verify-letter-qr';
import { checkInParallel } from './verify-pool';
import { describeEvidence, KEY_SOURCE_ARCHIVE, KEY_SOURCE_GIVEN, NEWEST_DELETION_NOTE, RECEIPTS_NOT_ANCHORED_NOTE } from './verify-text';
import { runWhenMain } from './cli-entry';
import { checkReceipts, locateReceipts, readServerKey, ReceiptInputError } from './verify-receipts';
import { describeReceipts } from './verify-receipts-text';
import type { PublicKeyInfo } from '../shared/sync/enroll';

const USAGE =
  '用法：npm run verify -- <信函.pdf | 记录.record.json | 档案目录> [--public-key <公钥文件 | gm:04… | intl:04…>] [--receipts <receipts.jsonl | 数据目录>] [--server-key <公钥文件 | gm:04… | intl:04…>] [--workers N]';

const HELP = `${USAGE}

  --public-key  终端登记的设备公钥（可多次）；不给则用档案目录 device-keys/ 中的公钥。
  --receipts    中心系统的签收回执：receipts.jsonl，或窗口的数据目录（其中 receipts/receipts.jsonl）；
                只给 --server-key 时取档案目录旁的 receipts/receipts.jsonl（应用的数据目录布局）。
  --server-key  中心系统的签名公钥（窗口登记时固定的那把，suite:04… 或含 suite、publicKey 的 JSON 文件），
                由中心系统管理员在中心系统上取得（npm run server -- server-key 列出的那一行）；
                不可取自被核验的窗口本身。给出后，每张回执的签名都须成立，回执签收的每一台账行都须
                仍在本地台账中且哈希相同：据此发现被删除的最新记录和被改写的本地历史。
  --workers N   核对签名的线程数。
退出码：0 核验通过，1 发现问题，2 无法读取或用法错误。`;

class UsageError extends Error {}

interface Options {
  target: string;
  publicKeys: string[];
  workers: number | undefined;
  receipts: string | undefined;
  serverKey: string | undefined;
  help: boolean;
}

const parseArgs = (args: readonly string[]): Options => {
  const publicKeys: string[] = [];
  let target: string | undefined;
  let workers: number | undefined;
  let receipts: string | undefined;
  let serverKey: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--help' || arg === '-h') return { target: '', publicKeys, workers, receipts, serverKey, help: true };
    if (arg === '--public-key' || arg === '--workers' || arg === '--receipts' || arg === '--server-key') {
      const value = args[++index];
      if (value === undefined) throw new UsageError(`${arg} 缺少取值`);
      if (arg === '--public-key') publicKeys.push(value);
      else if (arg === '--receipts') receipts = value;
      else if (arg === '--server-key') serverKey = value;
      else if (/^[1-9]\d?$/.test(value)) workers = Number(value);
      else throw new UsageError('--workers 须为 1–99');
    } else if (arg.startsWith('-') || target !== undefined) {
      throw new UsageError(`无法理解的参数：${arg}`);
    } else target = arg;
  }
  if (target === undefined) throw new UsageError('缺少要核验的文件或目录');
  // A receipt proves something only with the central system's key, and never with a key taken from the counter checked.
  if (receipts !== undefined && serverKey === undefined) throw new UsageError('--receipts 须与 --server-key（中心系统的签名公钥）一起给出');
  return { target, publicKeys, workers, receipts, serverKey, help: false };
};

/** A key given on the command line: a published key file, or `suite:<uncompressed point hex>`. */
const readGivenKey = async (value: string, cwd: string): Promise<TrustedKey> => {
  const inline = /^([a-z]+):(04[0-9a-f]{128})$/.exec(value);
  if (inline) {
    const [, suiteName, publicKey] = inline as unknown as [string, string, string];
    if (!isSuiteName(suiteName)) throw new UsageError(`未知的密码套件：${suiteName}`);
    return { suite: suiteName, publicKey, keyId: keyIdOf(await loadSuite(suiteName), fromHex(publicKey)), deviceId: null };
  }
  const text = await readFile(path.resolve(cwd, value), 'utf8').catch(() => {
    throw new UsageError(`无法读取公钥文件：${value}`);
  });
  const published = await parsePublishedKey(text);
  if (!published) throw new UsageError(`公钥文件无效：${value}`);
  return { ...published, deviceId: published.deviceId };
};

/** The ledger's lines that parse, with their line numbers (the damaged ones are the ledger check's). */
const ledgerLines = (text: string): Array<{ line: number; entry: LedgerEntry }> =>
  text
    .split('\n')
    .slice(0, -1)
    .flatMap((raw, index) => {
      try {
        const parsed = ledgerEntrySchema.safeParse(JSON.parse(raw));
        return parsed.success ? [{ line: index + 1, entry: parsed.data }] : [];
      } catch {
        return [];
      }
    });

/** The archive a file lies in: the nearest folder above it with a ledger. */
const archiveRootOf = async (file: string): Promise<string | null> => {
  let dir = path.dirname(file);
  for (;;) {
    if (await readFileIfExists(path.join(dir, LEDGER_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
};

const trustedKeys = async (root: string | null, given: readonly TrustedKey[]) => {
  if (given.length > 0) return { keys: [...given], invalid: [] as string[], source: KEY_SOURCE_GIVEN };
  const published = root ? await readPublishedKeys(root) : { keys: [], invalid: [] };
  return { keys: published.keys.map((key) => ({ ...key })), invalid: published.invalid, source: KEY_SOURCE_ARCHIVE };
};

/** The receipts to hold a folder against: the file found and the central system's key. */
export interface ReceiptsInput {
  file: string;
  serverKey: PublicKeyInfo;
}

/** The devices an archive belongs to: its published keys' and the given keys'. */
const archiveDevices = async (root: string, given: readonly TrustedKey[]): Promise<string[]> => [
  ...new Set([...(await readPublishedKeys(root)).keys.map((key) => key.deviceId), ...given.flatMap((key) => (key.deviceId ? [key.deviceId] : []))]),
];

export const verifyFolder = async (root: string, given: TrustedKey[], workers: number | undefined, receipts?: ReceiptsInput): Promise<{ text: string; sound: boolean }> => {
  const { keys, invalid, source } = await trustedKeys(root, given);
  const ledger = await readLedger(root);
  const recordFiles = (await listRecordFiles(root)).map((relativePath): EvidenceItem => ({ type: 'record', relativePath }));
  const items: EvidenceItem[] = [...ledger.entries.map((entry, index): EvidenceItem => ({ type: 'ledger', line: ledger.lines[index]!, entry })), ...recordFiles];
  // Signatures in the workers while this thread walks the files and the chains.
  const [report, results, audit] = await Promise.all([
    verifyArchive(root, shanghaiDate(new Date()), ledger),
    checkInParallel(root, items, keys, workers),
    checkAuditLog(root, keys),
  ]);
  const evidence = judgeEvidence(results, invalid);
  const receiptCheck = receipts
    ? await checkReceipts(receipts.file, receipts.serverKey, { root, entries: ledger.entries, deviceIds: await archiveDevices(root, given) })
    : null;
  const receiptText = receiptCheck && receipts ? describeReceipts(receiptCheck, receipts.serverKey.keyId) : { lines: [], anchor: null };
  // With receipts that all hold, the anchor line says what the archive alone could not.
  const newest = receiptText.anchor ?? (receiptCheck && receiptCheck.findings.length > 0 ? RECEIPTS_NOT_ANCHORED_NOTE : NEWEST_DELETION_NOTE);
  const text = [formatReport(report), ...describeEvidence(evidence, source), ...describeAuditLog(audit), ...receiptText.lines, newest].join('\n');
  const receiptsHold = (receiptCheck?.findings.length ?? 0) === 0;
  return { text, sound: archiveIsSound(report) && evidence.findings.length === 0 && audit.findings.length === 0 && receiptsHold };
};

/** One record or letter: against its ledger line, its record and their signatures. */
export const verifyFile = async (file: string, given: TrustedKey[]): Promise<{ text: string; sound: boolean }> => {
  const root = await archiveRootOf(file);
  const { keys, invalid, source } = await trustedKeys(root, given);
  const out: string[] = [`核验文件：${file}`];
  const problems: string[] = [];
  const isLetter = file.endsWith('.pdf');
  const recordFile = isLetter ? file.replace(/(\.reprint-\d+)?\.pdf$/, RECORD_SUFFIX) : file;
  const items: EvidenceItem[] = [];
  let report: EvidenceReport | null = null;

  const recordBytes = await readFileIfExists(recordFile);
  const read = recordBytes ? readRecordFile(recordBytes) : null;
  if (!read || read.kind === 'unreadable') problems.push(`记录文件${read ? '无法解析或被改动' : '缺失'}：${recordFile}`);
  else if (read.record === null) {
    // Encrypted under the device's data key: the signature (below) binds the sealed text and the
    // record's hash; the hash itself is recomputed where the key is, in the app's 档案核验.
    out.push(`记录 ${read.chain.caseNumber}：内容已加密（本机数据密钥），哈希由签名保证，在本机档案核验时重新计算。`);
  } else {
    const { hash, ...body } = read.record;
    if ((await recordHash(body)) !== hash) problems.push(`记录 ${read.chain.caseNumber} 的哈希与内容不符（被改动）`);
    else out.push(`记录 ${read.chain.caseNumber}：哈希与内容相符。`);
  }

  if (root === null) {
    out.push('未找到所在档案（其上级目录中没有 ledger.jsonl）：不核对台账。');
    if (read && read.kind !== 'unreadable') items.push({ type: 'record', relativePath: path.basename(recordFile) });
  } else {
    out.push(`所在档案：${root}`);
    const lines = ledgerLines((await readFile(path.join(root, LEDGER_FILE))).toString('utf8'));
    const relative = (absolute: string) => path.relative(root, absolute).split(path.sep).join('/');
    for (const target of isLetter ? [file, recordFile] : [recordFile]) {
      const line = lines.filter(({ entry }) => entry.relativePath === relative(target)).at(-1);
      const bytes = await readFileIfExists(target);
      if (!line) problems.push(`台账中没有 ${relative(target)}（多余文件）`);
      else if (!bytes || sha256Hex(bytes) !== line.entry.sha256) problems.push(`${relative(target)} 与台账第 ${line.line} 行记下的 SHA-256 不符（被改动）`);
      else if (read && read.kind !== 'unreadable' && line.entry.recordHash !== read.chain.hash) problems.push(`台账第 ${line.line} 行所属记录的哈希与记录文件不符`);
      else out.push(`${relative(target)}：与台账第 ${line.line} 行相符。`);
      if (line) items.push({ type: 'ledger', line: line.line, entry: line.entry });
    }
    if (read && read.kind !== 'unreadable') items.push({ type: 'record', relativePath: relative(recordFile) });
  }
  report = judgeEvidence(await checkInParallel(root ?? path.dirname(recordFile), items, keys, 1), invalid);
  // Downgrade judgement needs the whole archive: for a single file only the item's own problems count.
  report.findings = report.findings.filter((finding) => finding.problem !== 'unsigned_after_signed');
  out.push(...describeEvidence(report, root || given.length > 0 ? source : '未找到公钥：请用 --public-key 指定'));
  if (isLetter) {
    const qr = await checkLetterQr(file, read, keys);
    out.push(...qr.lines);
    problems.push(...qr.problems);
  }
  const signedButNoKey = report.records.signed + report.ledger.signed > 0 && keys.length === 0;
  if (signedButNoKey) problems.push('没有可用的公钥，签名无法核对');
  for (const problem of problems) out.push(`  ${problem}`);
  const count = problems.length + report.findings.length;
  out.push(count === 0 ? '核验通过。' : `发现 ${count} 个问题。`);
  return { text: out.join('\n'), sound: count === 0 };
};

/** The text of a paper letter's QR code, checked with the key given (no archive needed). */
export const verifyLetterCode = async (text: string, given: TrustedKey[]): Promise<{ text: string; sound: boolean }> => {
  const check = await checkLetterCode(text, given);
  switch (check.status) {
    case 'signed':
      return { text: `信函二维码：案件 ${check.caseNumber}，记录哈希 ${check.recordHash}，终端密钥 ${check.keyId} 签名成立。`, sound: true };
    case 'unsigned':
      return { text: `信函二维码：案件 ${check.caseNumber}，记录哈希 ${check.recordHash}；旧版（CCL1）二维码未签名，须与档案中的记录核对。`, sound: true };
    case 'key_unknown':
      return { text: `信函二维码：签名所用密钥不在可信公钥之列${given.length === 0 ? '（请用 --public-key 指定终端登记的公钥）' : ''}。`, sound: false };
    case 'signature_invalid':
      return { text: '信函二维码：签名不成立（案件号、记录哈希或签名被改动）。', sound: false };
    case 'not_a_letter_code':
      return { text: '信函二维码：不是本系统的信函二维码（样张的二维码不可核验）。', sound: false };
  }
};

export const main = async (args: readonly string[], cwd = process.env.INIT_CWD ?? process.cwd()): Promise<number> => {
  let options: Options;
  let given: TrustedKey[];
  let serverKey: PublicKeyInfo | null;
  try {
    options = parseArgs(args);
    given = await Promise.all(options.publicKeys.map((value) => readGivenKey(value, cwd)));
    serverKey = options.serverKey === undefined ? null : await readServerKey(options.serverKey, cwd);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof ReceiptInputError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  if (/^CCL\d\|/.test(options.target)) {
    const result = await verifyLetterCode(options.target, given);
    console.log(result.text);
    return result.sound ? 0 : 1;
  }
  const target = path.resolve(cwd, options.target);
  let kind: 'folder' | 'file';
  try {
    kind = (await stat(target)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`无法读取 ${target}：${code === 'ENOENT' ? '不存在' : code === 'EACCES' ? '没有读取权限' : String(error)}`);
    return 2;
  }
  if (kind === 'file' && !target.endsWith('.pdf') && !target.endsWith(RECORD_SUFFIX)) {
    console.error(`只能核验信函（.pdf）、记录（${RECORD_SUFFIX}）或档案目录\n${USAGE}`);
    return 2;
  }
  let receipts: ReceiptsInput | undefined;
  if (serverKey) {
    if (kind === 'file') {
      console.error(`回执只用于核验整个档案目录\n${USAGE}`);
      return 2;
    }
    try {
      receipts = { file: await locateReceipts(options.receipts, target, cwd), serverKey };
    } catch (error) {
      if (!(error instanceof ReceiptInputError)) throw error;
      console.error(error.message);
      return 2;
    }
  }
  const result = kind === 'folder' ? await verifyFolder(target, given, options.workers, receipts) : await verifyFile(target, given);
  console.log(result.text);
  return result.sound ? 0 : 1;
};

runWhenMain(import.meta.url, main);
