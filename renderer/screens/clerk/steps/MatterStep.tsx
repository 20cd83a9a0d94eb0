import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { takeTypedAhead } from '../../../case/type-ahead';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Matter } from '../../../../shared/catalog/matter-schema';
import { mattersInForce } from '../../../../shared/catalog/matters-in-force';
import { shanghaiDate } from '../../../../shared/domain/case-number';
import { readRecentMatters, rememberMatter } from '../../../catalog/recent-matters';
import { useMatterIndex } from '../../../catalog/matter-index';
import type { DraftRow } from '../../../db/database';
import { applyToDraft, discardDraft } from '../../../db/draft-repository';
import { t } from '../../../i18n';
import { useLoadedCatalog } from '../../../state/catalog-store';
import { useSession } from '../../../state/session-store';

const NO_RECENT: string[] = [];

/**
 * Matter choice: type part of the name, its pinyin initials (jjzy) or the category; the clerk's recent
 * matters come first; arrows move, Enter chooses — no mouse needed.
 */
export const MatterStep = ({ row }: { row: DraftRow }) => {
  const show = useSession((state) => state.show);
  const catalog = useLoadedCatalog();
  // What was typed between F2 and this search appearing, and whether Enter was pressed already.
  const [typedAhead] = useState(takeTypedAhead);
  const [query, setQuery] = useState(typedAhead.text);
  const [enterPending, setEnterPending] = useState(typedAhead.enter);
  const [hint, setHint] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const recent: string[] = useLiveQuery(() => readRecentMatters(row.clerkId), [row.clerkId]) ?? NO_RECENT;
  const matters = useMemo(() => mattersInForce(catalog, shanghaiDate(new Date())), [catalog]);
  const index = useMatterIndex(matters);
  const matches = useMemo(() => (index ? index.search(query, { recent }) : []), [index, query, recent]);
  const highlighted = Math.min(active, Math.max(matches.length - 1, 0));

  const choose = async (matter: Matter | undefined) => {
    if (!matter) return;
    await rememberMatter(row.clerkId, matter.id);
    await applyToDraft(row.draftId, { type: 'chooseMatter', matter });
  };

  /** Enter chooses the highlighted matter of a search; on an empty search it chooses nothing. */
  const enter = () => {
    if (!index) {
      setEnterPending(true);
      return;
    }
    if (query.trim() === '') setHint(t('ui.matter.type_first'));
    else void choose(matches[highlighted]);
  };

  // An Enter typed before the search appeared is carried out once the search can answer.
  useEffect(() => {
    if (!enterPending || !index) return;
    setEnterPending(false);
    enter();
  }, [enterPending, index]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((position) => Math.min(position + 1, matches.length - 1));
    else if (event.key === 'ArrowUp') setActive((position) => Math.max(position - 1, 0));
    else if (event.key === 'Enter') enter();
    else if (event.key === 'Escape') void discardDraft(row.draftId).then(() => show({ screen: 'today' }));
    else return;
    event.preventDefault();
  };

  return (
    <section aria-labelledby="matter-title">
      <h2 id="matter-title">{t('ui.matter.title')}</h2>
      <input
        className="matter-search"
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="matter-list"
        aria-activedescendant={matches[highlighted] ? `matter-${matches[highlighted].id}` : undefined}
        aria-label={t('ui.matter.search')}
        placeholder={t('ui.matter.search')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setHint(null);
        }}
        onKeyDown={onKeyDown}
      />
      <p className="muted">{t('ui.matter.keys')}</p>
      {hint ? <p role="alert">{hint}</p> : null}
      {index && matches.length === 0 ? <p role="status">{t('ui.matter.none', { query })}</p> : null}
      <ul id="matter-list" role="listbox" className="matter-list">
        {matches.map((matter, position) => (
          <li
            key={`${matter.id}@${matter.version}`}
            id={`matter-${matter.id}`}
            role="option"
            aria-selected={position === highlighted}
            className={position === highlighted ? 'active' : ''}
            onClick={() => void choose(matter)}
          >
            <span className="matter-list__name">{matter.name}</span>
            <span className="badge">{matter.category}</span>
            {matter.sample ? <span className="badge badge--sample">{t('ui.sample')}</span> : null}
            {recent.includes(matter.id) ? <span className="badge">{t('ui.matter.recent')}</span> : null}
            <span className="muted">{matter.proofs.map((proof) => proof.name).join('、')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
};
