import type { TrustedKey } from '../electron/services/evidence/check-evidence';
import { checkLetterCode } from '../electron/services/evidence/letter-code';
import type { RecordFile } from '../electron/services/evidence/signed-record';
import { readFileIfExists } from '../electron/services/atomic-file';
import { isSealedLetter } from '../electron/services/evidence/sealed-letter-file';
import { readLetterQr } from './letter-qr';

/**
 * The letter's QR against its record: the code read off the rendered page must name the record's case
 * and hash, and (CCL2) carry a signature that holds with a trusted key — the record's own key when
 * the record is signed. Without pdftoppm the QR is not read, and the output says so: the letter is
 * then only checked by its SHA-256 against the signed ledger line.
 */
const REFUSED = {
  not_a_letter_code: '信函二维码不是本系统的信函二维码（样张的二维码不可核验）',
  key_unknown: '信函二维码的签名密钥不在可信公钥之列',
  signature_invalid: '信函二维码的签名不成立（案件号、记录哈希或签名被改动）',
} as const;

export const checkLetterQr = async (pdfPath: string, read: RecordFile | null, keys: readonly TrustedKey[]): Promise<{ lines: string[]; problems: string[] }> => {
  // An archived letter sealed under the device's data key (evidence/sealed-letter-file.ts) is not a
  // PDF without that key: said, as for a record file that does not open, not failed — its bytes are
  // still checked against the signed ledger line. A plain PDF (a scanned paper letter) is read below.
  const head = await readFileIfExists(pdfPath);
  if (head && isSealedLetter(head)) return { lines: ['信函二维码：信函已加密（本机数据密钥），无密钥不能读取其二维码；信函以其 SHA-256 与已签名的台账行核对。'], problems: [] };
  const qr = await readLetterQr(pdfPath);
  if (qr.status === 'no_pdftoppm') return { lines: ['信函二维码：未安装 pdftoppm（poppler-utils），不读取二维码；信函以其 SHA-256 与已签名的台账行核对。'], problems: [] };
  // The signed ledger line already binds the file's bytes; a letter without a readable QR (one
  // archived before letters carried it, or a page pdftoppm cannot draw) is said, not failed.
  if (qr.status === 'no_qr') return { lines: ['信函二维码：未能从信函页面读出二维码；信函以其 SHA-256 与已签名的台账行核对。'], problems: [] };
  const check = await checkLetterCode(qr.text, keys);
  if (check.status !== 'signed' && check.status !== 'unsigned') return { lines: [], problems: [REFUSED[check.status]] };
  const problems: string[] = [];
  // The chain view names case and hash in clear, encrypted record or not.
  const record = read && read.kind !== 'unreadable' ? read.chain : null;
  if (record && check.caseNumber !== record.caseNumber) problems.push(`信函二维码的案件号 ${check.caseNumber} 与记录 ${record.caseNumber} 不符`);
  if (record && check.recordHash !== record.hash) problems.push('信函二维码的记录哈希与记录不符');
  if (check.status === 'signed' && (read?.kind === 'signed' || read?.kind === 'sealed') && check.keyId !== read.envelope.keyId) problems.push('信函二维码与记录不是同一终端密钥所签');
  // A record sealed since codes were kept in its file names the very code its letter must carry.
  if (read?.kind === 'sealed' && read.envelope.letterCode !== null && qr.text !== read.envelope.letterCode) problems.push('信函二维码不是记录文件中随记录签发的二维码');
  if (problems.length > 0) return { lines: [], problems };
  return {
    lines: [
      check.status === 'signed'
        ? `信函二维码（第 ${qr.page} 页）：案件 ${check.caseNumber}、记录哈希与记录相符，终端密钥 ${check.keyId} 签名成立。`
        : `信函二维码（第 ${qr.page} 页）：旧版（CCL1）未签名，案件号与记录哈希与记录相符。`,
    ],
    problems,
  };
};
