import { useMemo, useState, type ChangeEvent } from 'react';
import type { Catalog } from '../../../shared/catalog/catalog-schema';
import { checkCatalogText, type CatalogProblem } from '../../../shared/catalog/check-catalog';
import { problemText } from '../../../shared/catalog/problem-text';
import { diffCatalogs, type CatalogDiff } from '../../../shared/catalog/catalog-diff';
import { mattersInForce } from '../../../shared/catalog/matters-in-force';
import { shanghaiDate } from '../../../shared/domain/case-number';
import { wordArg, wordMessage } from '../../../shared/i18n/message';
import { importCatalog, type StoredCatalogProblem } from '../../catalog/catalog-repository';
import { ErrorBanner, errorMessage, NoticeBanner } from '../../components/ErrorBanner';
import { useHotkeys } from '../../components/useHotkeys';
import { HostCallError } from '../../host';
import { t } from '../../i18n';
import { useCatalog, useLoadedCatalog } from '../../state/catalog-store';
import { hasRole, useSession } from '../../state/session-store';

type Import =
  | { state: 'none' }
  | { state: 'refused'; fileName: string; count: number; problems: { path: string; message: string }[] }
  | { state: 'checked'; fileName: string; catalog: Catalog; diff: CatalogDiff };

// A stored catalog's problem may be one of main's own (a missing or changed file), not only a check's.
const storedProblemsText = (problems: readonly StoredCatalogProblem[]): string =>
  problems
    .map((problem) => t('catalog_check.at.stored_catalog', { catalog: problem.catalogKey, path: wordArg(t, problem.path), message: wordMessage(t, problem.message) }))
    .join(t('text.item_separator'));

/** Main's own check refused the catalog: its problems, as the page shows those of its own check. */
const refusedProblems = (failure: unknown): { count: number; problems: readonly CatalogProblem[] } | null => {
  if (!(failure instanceof HostCallError) || failure.hostError.key !== 'host.catalog.invalid') return null;
  const { count, problems } = failure.hostError.params;
  return { count: Number(count), problems };
};

const countsByCategory = (catalog: Catalog, date: string): string =>
  Object.entries(
    mattersInForce(catalog, date).reduce<Record<string, number>>((counts, matter) => {
      counts[matter.category] = (counts[matter.category] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .map(([category, count]) => t('ui.catalog.category_count', { category, count }))
    .join('，');

/**
 * The administrator's catalog page: what is in force, and importing a locality's catalog file —
 * checked with the same rules as `npm run catalog:check`, shown as a difference against the active
 * catalog, and activated as a new version only on confirmation. Main checks it again, applies the
 * version rule and refuses anyone but an administrator (catalog-store.ts); the page mirrors that by
 * offering the import only to an administrator, and shows main's refusal in its words.
 */
export const CatalogScreen = () => {
  const catalog = useLoadedCatalog();
  const { problems: loadProblems, load } = useCatalog();
  const { clerk, show } = useSession();
  const mayImport = hasRole(clerk, 'administrator');
  const today = shanghaiDate(new Date());
  const [incoming, setIncoming] = useState<Import>({ state: 'none' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useHotkeys(useMemo(() => ({ Escape: () => show({ screen: 'today' }) }), [show]));

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setNotice(null);
    const check = checkCatalogText(await file.text());
    setIncoming(
      check.ok
        ? { state: 'checked', fileName: file.name, catalog: check.catalog, diff: diffCatalogs(catalog, check.catalog, today) }
        : { state: 'refused', fileName: file.name, count: check.problems.length, problems: check.problems.map((problem) => problemText(t, problem)) },
    );
  };

  const activate = async () => {
    if (incoming.state !== 'checked') return;
    setError(null);
    try {
      await importCatalog(incoming.catalog);
      await load();
      setNotice(t('ui.catalog.activated', { version: incoming.catalog.version }));
      setIncoming({ state: 'none' });
    } catch (failure) {
      const refused = refusedProblems(failure);
      if (refused) {
        setIncoming({ state: 'refused', fileName: incoming.fileName, count: refused.count, problems: refused.problems.map((problem) => problemText(t, problem)) });
      } else {
        // Main's refusal as main words it: not newer than a stored version, not an administrator, I/O.
        setError(errorMessage(failure));
      }
    }
  };

  return (
    <main className="page">
      <h2>{t('ui.catalog.title')}</h2>
      <ErrorBanner message={loadProblems.length ? t('ui.catalog.stored_bad', { problems: storedProblemsText(loadProblems) }) : null} />
      <dl className="summary" data-testid="active-catalog">
        <dt>{t('ui.catalog.locality')}</dt>
        <dd>{catalog.locality}</dd>
        <dt>{t('ui.catalog.version')}</dt>
        <dd>
          {catalog.catalogId} · {t('ui.catalog.version_value', { version: catalog.version, date: catalog.publishedAt })}
        </dd>
        <dt>{t('ui.catalog.in_force')}</dt>
        <dd>{countsByCategory(catalog, today)}</dd>
      </dl>

      {mayImport ? null : <p data-testid="catalog-admin-only">{t('catalog_host.ui.administrator_only')}</p>}
      <div className="actions">
        {mayImport ? (
          <label className="file-button">
            {t('ui.catalog.import')}
            <input type="file" accept=".json,application/json" onChange={(event) => void readFile(event)} data-testid="catalog-file" />
          </label>
        ) : null}
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')} <kbd>Esc</kbd>
        </button>
      </div>
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />

      {incoming.state === 'refused' ? (
        <section className="banner banner--error" aria-labelledby="refused-title">
          <h3 id="refused-title">{t('ui.catalog.refused', { file: incoming.fileName, count: incoming.count })}</h3>
          <ul className="problems">
            {incoming.problems.map((problem, position) => (
              <li key={position}>
                <code>{problem.path}</code>
                {t('text.colon')}
                {problem.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {incoming.state === 'checked' ? (
        <section aria-labelledby="diff-title">
          <h3 id="diff-title">
            {t('ui.catalog.diff_title', { file: incoming.fileName, locality: incoming.catalog.locality, version: incoming.catalog.version })}
          </h3>
          <DiffList title={t('ui.catalog.added')} names={incoming.diff.added.map((matter) => matter.name)} testId="diff-added" />
          <DiffList
            title={t('ui.catalog.changed')}
            names={incoming.diff.changed.map((change) => t('ui.catalog.changed_item', { name: change.after.name, fields: change.fields.join('、') }))}
            testId="diff-changed"
          />
          <DiffList title={t('ui.catalog.retired')} names={incoming.diff.retired.map((matter) => matter.name)} testId="diff-retired" />
          <p className="muted">{t('ui.catalog.unchanged', { count: incoming.diff.unchanged })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void activate()}>
              {t('ui.catalog.activate', { version: incoming.catalog.version })}
            </button>
            <button type="button" onClick={() => setIncoming({ state: 'none' })}>
              {t('ui.handover.cancel')}
            </button>
          </div>
        </section>
      ) : null}
    </main>
  );
};

const DiffList = ({ title, names, testId }: { title: string; names: string[]; testId: string }) => (
  <div data-testid={testId}>
    <h4>
      {title}（{names.length}）
    </h4>
    {names.length ? (
      <ul>
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    ) : null}
  </div>
);
