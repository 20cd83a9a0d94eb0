import { canonicalJson } from '../../shared/crypto/canonical-json';
import { t } from '../../shared/i18n';
import { checkRoster, rosterProblemText } from '../../shared/sync/roster';
import type { PublishOutcome } from './publish-catalog';
import { findScope } from './publication-scope';
import { storePublication, type PublishContext } from './store-publication';

/**
 * Publishes the staff roster of a hall, or of a city or province that manages its staff centrally
 * (shared/sync/roster.ts): every counter below `scope` replaces its accounts by it. The newest roster
 * a counter pulls wins, so a unit whose rosters are published at the hall should not also publish
 * one above it. Checked with the counter's own check; the body is the checked roster's canonical JSON.
 * `roster` is the file's text or an already parsed value.
 */
export const publishRoster = async (context: PublishContext, input: { roster: unknown; scope: string }): Promise<PublishOutcome> => {
  let value = input.roster;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value.replace(/^\uFEFF/, ''));
    } catch (error) {
      return { ok: false, problems: [`名单文件不是有效的 JSON：${error instanceof Error ? error.message : String(error)}`] };
    }
  }
  const check = checkRoster(value);
  const problems = check.ok ? [] : check.problems.map((problem) => rosterProblemText(t, problem));
  const scope = await findScope(context.central.db, input.scope);
  if ('problem' in scope) problems.push(scope.problem);
  if (!check.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, publication: await storePublication(context, { kind: 'roster', scope: input.scope, body: canonicalJson(check.roster) }) };
};
