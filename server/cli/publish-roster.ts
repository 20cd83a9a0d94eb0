import type { Roster } from '../../shared/sync/roster';
import { publishRoster } from '../publications/publish-roster';
import { runPublish } from './publish-context';

/**
 * `npm run server -- publish-roster --file <roster.json> --scope <hall id or higher>`: publishes a
 * staff roster. The output gives counts only: names and 工号 stay out of terminals and their logs.
 */
export const publishRosterCommand = (args: string[]): Promise<void> =>
  runPublish(args, { command: 'publish-roster', what: '人员名单' }, (context, text, scope) => publishRoster(context, { roster: text, scope }), ({ publication }) => {
    const { accounts } = JSON.parse(publication.body) as Roster;
    const active = accounts.filter((account) => account.active).length;
    return `已发布人员名单：发布序号 ${publication.seq}，${accounts.length} 个账户（在岗 ${active}，停用 ${accounts.length - active}），适用于 ${publication.scope} 及其下级单位；各窗口应用后，名单外的账户将被停用`;
  });
