import type { ReceiptEntry } from '../shared/sync/push';
import type { ReceiptFinding, ReceiptsCheck } from './verify-receipts';

/** The wording of `npm run verify`'s receipt lines, in Chinese like the rest of its report. */

/** A few case numbers of a run, not thousands. */
const casesOf = (entries: ReadonlyArray<{ caseNumber: string }>): string => {
  const cases = [...new Set(entries.map((entry) => entry.caseNumber))];
  return cases.length <= 10 ? cases.join('、') : `${cases.slice(0, 10).join('、')} 等 ${cases.length} 件`;
};

const span = (first: number, last: number) => (first === last ? `${first}` : `${first}–${last}`);

/** Where and when the central system took a run in: its sequence numbers and receipt times. */
const receivedOf = (entries: readonly ReceiptEntry[]): string => {
  const first = entries[0]!;
  const last = entries.at(-1)!;
  const times = first.receivedAt === last.receivedAt ? first.receivedAt : `${first.receivedAt} 至 ${last.receivedAt}`;
  return `服务器序号 ${span(first.serverSeq, last.serverSeq)}，签收时间 ${times}`;
};

export const describeReceiptFinding = (finding: ReceiptFinding): string => {
  switch (finding.problem) {
    case 'unreadable':
      return `回执第 ${finding.line} 行：无法解析（不是中心系统的回执，或被改动）`;
    case 'key':
      return `回执第 ${finding.line} 行：签名所用密钥不是给定的中心系统公钥（非中心系统所签）`;
    case 'signature':
      return `回执第 ${finding.line} 行：签名不成立（回执被改动或伪造）`;
    case 'device':
      return `回执第 ${finding.line} 行：是另一台终端（${finding.deviceId}）的回执，不属于本档案`;
    case 'deleted': {
      const { entries } = finding;
      const what = finding.newest ? '最新的记录连同台账行被删除（或台账被截短）' : '台账行被删除';
      return `台账第 ${span(entries[0]!.seq, entries.at(-1)!.seq)} 行（案件 ${casesOf(entries)}）已由中心系统签收（${receivedOf(entries)}），本地台账中却没有：${what}`;
    }
    case 'rewritten': {
      const receipted = finding.entries.map((item) => item.receipted);
      const was = casesOf(receipted);
      const now = casesOf(finding.entries.map((item) => item.ours));
      // A case number sealed again over the deleted one is the likeliest rewrite: say that its content differs.
      const local = now === was ? '本地同一案件号下现为另一内容' : `本地现为案件 ${now}`;
      return `台账第 ${span(receipted[0]!.seq, receipted.at(-1)!.seq)} 行与中心系统签收的不同（签收时为案件 ${was}，${receivedOf(receipted)}；${local}）：本地历史被改写`;
    }
    case 'audit_deleted':
      return `审计日志第 ${finding.seq} 条已由中心系统签收（回执第 ${finding.line} 行），本地审计日志中却没有：审计日志被截短`;
    case 'audit_rewritten':
      return `审计日志第 ${finding.seq} 条与中心系统签收的不同（回执第 ${finding.line} 行）：本地审计日志被改写`;
  }
};

/** The receipt lines of the report; the anchor line (when every receipt holds) replaces the note that newest deletions go unseen. */
export const describeReceipts = (check: ReceiptsCheck, serverKeyId: string): { lines: string[]; anchor: string | null } => {
  const lines = [`回执：${check.file}，共 ${check.receipts} 张，其中 ${check.valid} 张经中心系统公钥 ${serverKeyId} 核对属于本终端${check.deviceId ? `（${check.deviceId}）` : ''}。`];
  for (const finding of check.findings) lines.push(`  ${describeReceiptFinding(finding)}`);
  if (!check.anchor) return { lines, anchor: null };
  const { entry, unanchored, auditSeq } = check.anchor;
  const after =
    unanchored === 0
      ? '本地台账此后没有未签收的行（最后一次同步之后封存又删除的记录仍无法发现）'
      : `其后 ${unanchored} 行尚未签收，删除它们仍无法发现`;
  const audit = auditSeq > 0 ? `；审计日志至第 ${auditSeq} 条已签收` : '';
  return {
    lines,
    anchor: `回执锚定：台账第 ${entry.seq} 行（案件 ${entry.caseNumber}，服务器序号 ${entry.serverSeq}，签收时间 ${entry.receivedAt}）及其前的记录均已由中心系统签收，与本地一致，未被删除或改写${audit}。${after}。`,
  };
};
