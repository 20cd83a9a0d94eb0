import type { AuditLogCheck, AuditProblem } from '../electron/services/evidence/check-audit-log';

const problemText: Record<AuditProblem, string> = {
  unreadable: '无法解析或不是规范格式（被改动）',
  'bad-hash': '哈希与内容不符（被改动）',
  'broken-chain': '与上一行不相接（其前有条目被删除，或此行是插入的）',
  'torn-line': '末行不完整（写入时断电）',
  signature_invalid: '签名不成立（被改动或伪造）',
  key_unknown: '签名所用密钥不在可信公钥之列',
};

/** The audit log's lines of `npm run verify`'s report, each problem with its line and entry number. */
export const describeAuditLog = (check: AuditLogCheck): string[] => {
  if (!check.present) return ['审计日志：档案中没有 audit.jsonl。'];
  if (check.findings.length === 0) return [`审计日志：${check.entries} 条，哈希链与签名完好。`];
  return [
    `审计日志：${check.entries} 条，发现 ${check.findings.length} 个问题：`,
    ...check.findings.map(({ line, seq, problem }) => `  审计日志第 ${line} 行${seq === null ? '' : `（第 ${seq} 条）`}：${problemText[problem]}`),
  ];
};
