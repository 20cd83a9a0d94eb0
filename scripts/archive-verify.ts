/**
 * `npm run archive:verify [folder]`: walks the letter archive against its ledger and reports, per file,
 * 缺失 (missing), 被改动 (altered: its SHA-256 differs) or 多余 (orphan: no ledger line), and any
 * damaged ledger line. Also says how many letters have outlived their retention — they are kept: only a
 * central receipt plus a supervisor's approval ever deletes a file. Read-only.
 *
 * Without a folder it checks this machine's archive (Electron's userData folder of the app).
 * Exit codes: 0 sound, 1 anything wrong, 2 the folder cannot be read.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { shanghaiDate } from '../shared/domain/case-number';
import { archiveIsSound, verifyArchive, type ArchiveReport, type FileFindingStatus } from '../electron/services/archive-verify';
import type { LedgerKind, LedgerProblem } from '../electron/services/archive-ledger';

const PRODUCT_NAME = '证明事项告知承诺窗口';

/** Where Electron puts `userData` for this app on each system (the archive is `letter-archive` in it). */
export const defaultArchiveDir = (platform = process.platform, env = process.env, home = homedir()): string => {
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(appData, PRODUCT_NAME, 'letter-archive');
};

const statusText: Record<FileFindingStatus, string> = { missing: '缺失', altered: '被改动', orphan: '多余' };
const kindText: Record<LedgerKind, string> = { record: '案件记录', letter: '文书', reprint: '补打文书' };
const ledgerProblemText: Record<LedgerProblem['problem'], string> = {
  unreadable: '无法解析',
  'bad-hash': '内容与其哈希不符（台账被改动）',
  'broken-chain': '与上一行的链接断开（有行被删除、插入或调换）',
  'torn-line': '末行不完整（写入中断）',
};

export const formatReport = (report: ArchiveReport): string => {
  const lines = [`档案目录：${report.root}`, `台账 ${report.ledgerEntries} 条，目录中文件 ${report.filesOnDisk} 个，完好 ${report.intact} 个`];
  for (const finding of report.findings) {
    lines.push(`  ${statusText[finding.status]}  ${finding.relativePath}${finding.kind ? `（${kindText[finding.kind]}）` : '（台账中没有记录）'}`);
  }
  for (const problem of report.ledgerProblems) lines.push(`  台账第 ${problem.line} 行：${ledgerProblemText[problem.problem]}`);
  const { expired, permanent, unknown } = report.retention;
  lines.push(
    `保管期限：永久 ${permanent} 件；已到期 ${expired.length} 件${expired.length ? `（${expired.join('、')}）` : ''}，` +
      '均继续保存——须经中心系统回执并经主管审批删除清单后方可删除' +
      (unknown ? `；${unknown} 件的记录无法读取，期限未知` : ''),
  );
  const problems = report.findings.length + report.ledgerProblems.length;
  lines.push(problems === 0 ? '结论：档案完好。' : `结论：发现 ${problems} 个问题。`);
  return lines.join('\n');
};

export const main = async (args: readonly string[], today = shanghaiDate(new Date())): Promise<number> => {
  if (args.length > 1 || args[0]?.startsWith('-')) {
    console.error('用法：npm run archive:verify [档案目录]');
    return 2;
  }
  const folder = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0] ?? defaultArchiveDir());
  let report: ArchiveReport;
  try {
    report = await verifyArchive(folder, today);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`无法读取档案目录 ${folder}：${code === 'ENOENT' ? '目录不存在' : code === 'EACCES' ? '没有读取权限' : String(error)}`);
    return 2;
  }
  console.log(formatReport(report));
  return archiveIsSound(report) ? 0 : 1;
};

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
