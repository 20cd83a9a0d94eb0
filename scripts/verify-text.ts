import type { EvidenceFinding, EvidenceReport } from '../electron/services/evidence/check-evidence';

/** The wording of `npm run verify`'s signature findings and notes, in Chinese like archive:verify. */
const PROBLEM: Record<EvidenceFinding['problem'], string> = {
  signature_invalid: '签名不成立（内容被改动，或非本终端密钥所签）',
  key_unknown: '签名所用密钥不在可信公钥之列',
  key_other_device: '签名密钥属于另一台终端',
  digest_mismatch: '文件的摘要与台账行所签不符（文件被改动）',
  unsigned_after_signed: '未签名，却排在已签名的之后（签名被去掉，或伪造）',
  key_file_invalid: '公钥文件无效（格式不符，或密钥编号与公钥不符）',
};

export const describeEvidenceFinding = (finding: EvidenceFinding): string => {
  switch (finding.where) {
    case 'ledger':
      return `台账第 ${finding.line} 行（${finding.relativePath}）：${PROBLEM[finding.problem]}`;
    case 'record':
      return `记录 ${finding.caseNumber}（链第 ${finding.sequence} 号，${finding.relativePath}）：${PROBLEM[finding.problem]}`;
    case 'key':
      return `${finding.relativePath}：${PROBLEM[finding.problem]}`;
  }
};

export const describeEvidence = (report: EvidenceReport, keySource: string): string[] => {
  const lines = [
    `签名：记录 ${report.records.signed} 份已签名、${report.records.unsigned} 份未签名；台账 ${report.ledger.signed} 行已签名、${report.ledger.unsigned} 行未签名。`,
    `所用公钥：${report.keysUsed.join('、') || '—'}（${keySource}）`,
  ];
  for (const finding of report.findings) lines.push(`  ${describeEvidenceFinding(finding)}`);
  if (report.records.unsigned + report.ledger.unsigned > 0) {
    lines.push('注意：未签名的记录和台账行是启用签名之前的旧格式，仍按其哈希链核对；它们无法证明未被连同后续记录一并重算。');
  }
  return lines;
};

export const KEY_SOURCE_ARCHIVE =
  '取自档案目录 device-keys/；伪造者若连公钥一并替换并全部重签，仅凭档案本身无法识别——请用 --public-key 指定终端登记的公钥核对';
export const KEY_SOURCE_GIVEN = '由 --public-key 指定';

export const NEWEST_DELETION_NOTE =
  '无法发现：最新的若干记录连同其台账行一并删除，只会使记录链变短；须与中心系统的签收回执核对（--receipts 与 --server-key）。';

/** In place of the anchor when receipts were given but do not all hold: nothing is anchored by them. */
export const RECEIPTS_NOT_ANCHORED_NOTE = '回执未能锚定本档案（见上列问题）：最新记录的删除与本地历史的改写无法据此排除。';
