import { checkCatalog, checkCatalogText } from '../../shared/catalog/check-catalog';
import { problemText } from '../../shared/catalog/problem-text';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { t } from '../../shared/i18n';
import { PULL_LIMITS, type Publication } from '../../shared/sync/pull';
import { findScope } from './publication-scope';
import { storePublication, type PublishContext } from './store-publication';

export type PublishOutcome = { ok: true; publication: Publication } | { ok: false; problems: string[] };

/**
 * Publishes a catalog version for a unit and everything below it. It is checked with the very
 * check a counter's import uses (shared/catalog/check-catalog.ts), worded as `npm run catalog:check`
 * words it, so what the central system publishes is what every counter accepts; the body is the
 * catalog's canonical JSON, the same bytes a counter stores. `catalog` is the file's text (its JSON
 * syntax is checked too, with line and column) or an already parsed value.
 */
export const publishCatalog = async (context: PublishContext, input: { catalog: unknown; scope: string }): Promise<PublishOutcome> => {
  const check = typeof input.catalog === 'string' ? checkCatalogText(input.catalog) : checkCatalog(input.catalog);
  const problems = check.ok ? [] : check.problems.map((problem) => {
    const { path, message } = problemText(t, problem);
    return `${path}：${message}`;
  });
  const scope = await findScope(context.central.db, input.scope);
  if ('problem' in scope) problems.push(scope.problem);
  if (!check.ok || problems.length > 0) return { ok: false, problems };
  const body = canonicalJson(check.catalog);
  if (body.length > PULL_LIMITS.maxBodyChars) return { ok: false, problems: [`目录过大（${body.length} 个字符），一次发布最多 ${PULL_LIMITS.maxBodyChars} 个字符`] };
  return { ok: true, publication: await storePublication(context, { kind: 'catalog', scope: input.scope, body }) };
};
