/**
 * `npm run archive:verify [folder]`: walks the letter archive against its ledger and reports, per file,
 * 缺失 (missing), 被改动 (altered: its SHA-256 differs) or 多余 (orphan: no ledger line), and any
 * damaged ledger line; then reads the archived records back as one hash chain per device and names each
 * record that is altered, out of chain, missing before another, or in a forked place. Also says how
 * many letters have outlived their retention — they are kept: only a central receipt plus a
 * supervisor's approval ever deletes a file. Read-only.
 *
 * Without a folder it checks this machine's archive (Electron's userData folder of the app).
 * Exit codes: 0 sound, 1 anything wrong, 2 the folder cannot be read.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { shanghaiDate } from '../shared/domain/case-number';
import { archiveIsSound, verifyArchive, type ArchiveReport } from '../electron/services/archive-verify';
import { archiveProblemCount, describeChainFinding } from '../shared/contract/archive-chain';
import { t } from '../shared/i18n';
import { runWhenMain } from './cli-entry';

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

/** The report in the words of the app's 档案核验 page (the same message catalog). */
export const formatReport = (report: ArchiveReport): string => {
  const lines = [
    t('ui.archive.cli_folder', { folder: report.root }),
    t('ui.archive.summary', { entries: report.ledgerEntries, files: report.filesOnDisk, intact: report.intact }),
  ];
  for (const finding of report.findings) {
    lines.push(`  ${t(`ui.archive.status_${finding.status}`)}  ${finding.relativePath}${finding.kind ? `（${t(`ui.archive.kind_${finding.kind}`)}）` : ''}`);
  }
  for (const problem of report.ledgerProblems) {
    lines.push(`  ${t('ui.archive.ledger_problem', { line: problem.line, problem: t(`ui.archive.ledger_${problem.problem}`) })}`);
  }
  lines.push(t('ui.archive.chain_summary', { records: report.chain.records, chains: report.chain.chains }));
  for (const finding of report.chain.findings) lines.push(`  ${describeChainFinding(finding, t)}`);
  const { expired, permanent, unknown } = report.retention;
  lines.push(t('ui.archive.cli_retention', { permanent, expired: expired.length, list: expired.join('、') || '—', unknown }));
  const problems = archiveProblemCount(report);
  lines.push(problems === 0 ? t('ui.archive.sound') : t('ui.archive.problems', { count: problems }));
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

runWhenMain(import.meta.url, main);
