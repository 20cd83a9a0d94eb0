import { useState, type KeyboardEvent } from 'react';
import { activeCatalog, searchMatters } from '../../../catalog/active-catalog';
import type { DraftRow } from '../../../db/database';
import { applyToDraft, discardDraft } from '../../../db/draft-repository';
import { t } from '../../../i18n';
import { useSession } from '../../../state/session-store';
import type { Matter } from '../../../../shared/catalog/matter-schema';

/** Matter choice: type to filter, arrows to move, Enter to choose — no mouse needed. */
export const MatterStep = ({ row }: { row: DraftRow }) => {
  const show = useSession((state) => state.show);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = searchMatters(activeCatalog.matters, query);
  const highlighted = Math.min(active, Math.max(matches.length - 1, 0));

  const choose = async (matter: Matter | undefined) => {
    if (matter) await applyToDraft(row.draftId, { type: 'chooseMatter', matter });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, matches.length - 1));
    else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
    else if (event.key === 'Enter') void choose(matches[highlighted]);
    else if (event.key === 'Escape') void discardDraft(row.draftId, row.clerkId).then(() => show({ screen: 'today' }));
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
        }}
        onKeyDown={onKeyDown}
      />
      <p className="muted">{t('ui.matter.keys')}</p>
      {matches.length === 0 ? <p role="status">{t('ui.matter.none', { query })}</p> : null}
      <ul id="matter-list" role="listbox" className="matter-list">
        {matches.map((matter, index) => (
          <li
            key={matter.id}
            id={`matter-${matter.id}`}
            role="option"
            aria-selected={index === highlighted}
            className={index === highlighted ? 'active' : ''}
            onClick={() => void choose(matter)}
          >
            <span className="matter-list__name">{matter.name}</span>
            <span className="badge">{matter.category}</span>
            {matter.sample ? <span className="badge badge--sample">{t('ui.sample')}</span> : null}
            <span className="muted">{matter.proofs.map((proof) => proof.name).join('、')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
};
