import { shanghaiDate } from '../../shared/domain/case-number';
import { GENESIS_HASH } from '../../shared/domain/sealed-record';
import {
  dayCountNames,
  type DayCase,
  type DayChainHead,
  type DayCounts,
  type DayDifference,
  type DayStatement,
  type DifferenceField,
  type DifferenceKind,
  type LedgerRef,
  type ServerDayCounts,
} from '../../shared/sync/day-close';
import { countsOf, deriveDayCases, type DerivedCase } from '../../shared/sync/day-close-view';
import type { ServerDayFacts } from './day-facts';

/**
 * The statement held against what the server holds, field by field, case by case: every difference
 * named with the case, the field, both values and why, in Chinese. Pure: the facts are read before
 * (day-facts.ts), so this is what the unit tests pin down.
 */
export interface DayReconciliation {
  differences: DayDifference[];
  serverCounts: ServerDayCounts;
  serverChainHead: DayChainHead | null;
}

const short = (hash: string): string => hash.slice(0, 16);
const refText = (ref: LedgerRef | null): string | null => (ref ? `第 ${ref.ledgerSeq} 行 ${short(ref.sha256)}` : null);
const outcomeClass = (isVoid: boolean): string => (isVoid ? '作废记录' : '案件记录');

export const reconcileDay = (statement: DayStatement, facts: ServerDayFacts): DayReconciliation => {
  const differences: DayDifference[] = [];
  const add = (caseNumber: string | null, field: DifferenceField, kind: DifferenceKind, counter: string | null, server: string | null, reason: string) =>
    differences.push({ caseNumber, field, kind, counter, server, reason });

  /** Why the server lacks a ledger line: never sent, held for a gap, or lost on the server's side. */
  const missingReason = (what: string, ledgerSeq: number): string => {
    if (facts.pending.has(ledgerSeq)) return `${what}已上传，但它之前的台账行尚未到达，中心系统暂存、尚未入账`;
    if (facts.ledgerHeld >= ledgerSeq) return `中心系统已收到本机第 ${facts.ledgerHeld} 行及以前的台账，却没有${what}（台账第 ${ledgerSeq} 行）：中心系统的数据缺失，请联系中心系统管理员`;
    return `${what}尚未上传到中心系统（本机台账第 ${ledgerSeq} 行，中心系统只收到第 ${facts.ledgerHeld} 行）`;
  };
  const auditShort = facts.auditHeld < statement.audit.head.seq;

  const server = deriveDayCases({
    date: statement.date,
    counterId: statement.counterId,
    ledger: facts.ledger,
    audit: facts.audit,
    include: statement.cases.map((entry) => entry.caseNumber),
  });
  const serverOf = new Map(server.map((entry) => [entry.caseNumber, entry]));
  const statedOf = new Map<string, DayCase>();
  for (const entry of statement.cases) {
    if (statedOf.has(entry.caseNumber)) add(entry.caseNumber, 'statement', 'differs', entry.caseNumber, null, '日结清单中该案件出现了不止一次');
    statedOf.set(entry.caseNumber, entry);
  }

  const compareRecord = (caseNumber: string, stated: DayCase['record'], held: DerivedCase['record']) => {
    if (stated && !held) return add(caseNumber, 'record', 'not_pushed', `第 ${stated.sequence} 号 ${short(stated.recordHash)}`, null, missingReason('这份记录', stated.ledgerSeq));
    if (!stated && held) return add(caseNumber, 'record', 'not_in_statement', null, `第 ${held.sequence ?? '?'} 号 ${short(held.recordHash)}`, '中心系统收到了这份当日记录，日结清单却没有列出');
    if (!stated || !held) return;
    if (stated.recordHash !== held.recordHash) add(caseNumber, 'recordHash', 'differs', short(stated.recordHash), short(held.recordHash), '记录哈希不一致：中心系统所存的记录与本机的不是同一份');
    if (stated.sequence !== held.sequence) add(caseNumber, 'sequence', 'differs', String(stated.sequence), held.sequence === null ? null : String(held.sequence), '记录在记录链中的序号与中心系统所存不同');
    if (stated.ledgerSeq !== held.ledgerSeq) add(caseNumber, 'ledgerSeq', 'differs', String(stated.ledgerSeq), String(held.ledgerSeq), '记录所在的台账行与中心系统所存不同');
    if ((stated.outcome === 'void') !== held.isVoid) {
      add(caseNumber, 'outcome', 'differs', outcomeClass(stated.outcome === 'void'), outcomeClass(held.isVoid), `本机清单列为${outcomeClass(stated.outcome === 'void')}，中心系统所存的记录文件是${outcomeClass(held.isVoid)}`);
    }
  };

  const compareLetter = (caseNumber: string, stated: LedgerRef | null, held: LedgerRef | null) => {
    if (stated && !held) return add(caseNumber, 'letter', 'not_pushed', refText(stated), null, missingReason('该案件的文书', stated.ledgerSeq));
    if (!stated && held) return add(caseNumber, 'letter', 'not_in_statement', null, refText(held), '中心系统收到了该案件的文书，日结清单却没有列出');
    if (stated && held && (stated.sha256 !== held.sha256 || stated.ledgerSeq !== held.ledgerSeq)) {
      add(caseNumber, 'letter', 'differs', refText(stated), refText(held), '文书文件与中心系统所存的不同');
    }
  };

  const compareReprints = (caseNumber: string, stated: readonly LedgerRef[], held: readonly LedgerRef[]) => {
    const heldAt = new Map(held.map((ref) => [ref.ledgerSeq, ref]));
    const statedAt = new Set(stated.map((ref) => ref.ledgerSeq));
    for (const ref of stated) {
      const other = heldAt.get(ref.ledgerSeq);
      if (!other) add(caseNumber, 'reprints', 'not_pushed', refText(ref), null, missingReason('当日的补打文件', ref.ledgerSeq));
      else if (other.sha256 !== ref.sha256) add(caseNumber, 'reprints', 'differs', refText(ref), refText(other), '补打文件与中心系统所存的不同');
    }
    for (const ref of held) if (!statedAt.has(ref.ledgerSeq)) add(caseNumber, 'reprints', 'not_in_statement', null, refText(ref), '中心系统收到了当日的补打文件，日结清单却没有列出');
  };

  const compareCount = (caseNumber: string, field: 'printed' | 'reprinted', stated: number, held: number) => {
    if (stated === held) return;
    const what = field === 'printed' ? '文书打印' : '补打件打印';
    const why = auditShort
      ? `本机记为 ${stated} 次，中心系统只收到本机审计日志第 ${facts.auditHeld} 条及以前，记为 ${held} 次：审计日志尚未全部上传`
      : `本机记为 ${stated} 次，中心系统所存的当日审计日志记为 ${held} 次`;
    add(caseNumber, field, auditShort && stated > held ? 'not_pushed' : stated > held ? 'differs' : 'not_in_statement', String(stated), String(held), `当日${what}次数不一致：${why}`);
  };

  for (const caseNumber of [...new Set([...statedOf.keys(), ...serverOf.keys()])].sort()) {
    const stated = statedOf.get(caseNumber);
    const held = serverOf.get(caseNumber);
    compareRecord(caseNumber, stated?.record ?? null, held?.record ?? null);
    compareLetter(caseNumber, stated?.letter ?? null, held?.letter ?? null);
    compareReprints(caseNumber, stated?.reprints ?? [], held?.reprints ?? []);
    compareCount(caseNumber, 'printed', stated?.printed ?? 0, held?.printed ?? 0);
    compareCount(caseNumber, 'reprinted', stated?.reprinted ?? 0, held?.reprinted ?? 0);
  }

  // The statement's own counts against the cases it lists: a count that is not its list's is named too.
  const listed = countsOf(statement.cases);
  for (const name of dayCountNames) {
    if (listed[name] !== statement.counts[name]) add(null, `counts.${name}`, 'differs', String(statement.counts[name]), String(listed[name]), `日结清单的计数为 ${statement.counts[name]}，清单所列案件合计为 ${listed[name]}`);
  }

  // What the server counts itself; the split of the cases is inside the encrypted records.
  const heldRecords = server.filter((entry) => entry.record !== null);
  const serverCounts: ServerDayCounts = {
    sealed: heldRecords.filter((entry) => !entry.record!.isVoid).length,
    committed: null,
    proofRoute: null,
    notApplicable: null,
    voided: heldRecords.filter((entry) => entry.record!.isVoid).length,
    printed: server.reduce((sum, entry) => sum + entry.printed, 0),
    reprinted: server.reduce((sum, entry) => sum + entry.reprinted, 0),
  };
  for (const name of ['sealed', 'voided', 'printed', 'reprinted'] as const satisfies readonly (keyof DayCounts)[]) {
    if (serverCounts[name] !== statement.counts[name]) {
      add(null, `counts.${name}`, 'differs', String(statement.counts[name]), String(serverCounts[name]), `当日合计不一致：本机 ${statement.counts[name]}，中心系统 ${serverCounts[name]}`);
    }
  }

  const headLine = facts.chainHeadLine;
  const serverChainHead: DayChainHead | null = headLine?.chain
    ? { sequence: headLine.chain.sequence, hash: headLine.chain.hash, caseNumber: headLine.caseNumber }
    : headLine
      ? null
      : { sequence: 0, hash: GENESIS_HASH, caseNumber: null };
  const head = statement.chainHead;
  if (!serverChainHead || serverChainHead.sequence !== head.sequence || serverChainHead.hash !== head.hash) {
    const kind: DifferenceKind = !serverChainHead || serverChainHead.sequence < head.sequence ? 'not_pushed' : 'differs';
    add(
      head.caseNumber,
      'chainHead',
      kind,
      `第 ${head.sequence} 号 ${short(head.hash)}`,
      serverChainHead ? `第 ${serverChainHead.sequence} 号 ${short(serverChainHead.hash)}` : null,
      kind === 'not_pushed' ? '当日结束时的记录链头不一致：中心系统所存的链停在更早的记录' : '当日结束时的记录链头不一致：中心系统所存的链头不是本机的',
    );
  }

  const { ledgerHead } = statement;
  if (ledgerHead.seq > 0) {
    if (facts.ledgerHeld < ledgerHead.seq) add(null, 'ledgerHead', 'not_pushed', `第 ${ledgerHead.seq} 行`, `第 ${facts.ledgerHeld} 行`, `本机台账共 ${ledgerHead.seq} 行，中心系统只收到第 ${facts.ledgerHeld} 行及以前`);
    else if (facts.ledgerHashAtHead !== ledgerHead.hash) add(null, 'ledgerHead', 'differs', short(ledgerHead.hash), facts.ledgerHashAtHead ? short(facts.ledgerHashAtHead) : null, `台账第 ${ledgerHead.seq} 行与中心系统所存的不同或缺失`);
  }
  const auditHead = statement.audit.head;
  if (auditHead.seq > 0) {
    if (auditShort) add(null, 'auditHead', 'not_pushed', `第 ${auditHead.seq} 条`, `第 ${facts.auditHeld} 条`, `本机审计日志共 ${auditHead.seq} 条，中心系统只收到第 ${facts.auditHeld} 条及以前`);
    else if (facts.auditHashAtHead !== auditHead.hash) add(null, 'auditHead', 'differs', short(auditHead.hash), facts.auditHashAtHead ? short(facts.auditHashAtHead) : null, `审计日志第 ${auditHead.seq} 条与中心系统所存的不同或缺失`);
  }
  // The day's first audit line: the one before it must be of another day, or the statement left some out.
  if (facts.auditBefore && shanghaiDate(new Date(facts.auditBefore.at)) === statement.date) {
    add(null, 'auditRange', 'not_in_statement', `自第 ${statement.audit.fromSeq} 条`, `第 ${facts.auditBefore.seq} 条已是当日`, '日结清单漏计了当日较早的审计日志');
  }
  return { differences, serverCounts, serverChainHead };
};

