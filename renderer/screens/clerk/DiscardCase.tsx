import { useEffect, useMemo, useRef, useState } from 'react';
import { useHotkeys } from '../../components/useHotkeys';
import type { DraftRow } from '../../db/database';
import { discardDraft } from '../../db/draft-repository';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';

/**
 * 放弃本案件, from every step after the matter choice (whose own Esc discards an empty case at once):
 * Esc or the button asks once, the safe answer focused, and only then the draft and all it holds go.
 */
export const DiscardCase = ({ row }: { row: DraftRow }) => {
  const show = useSession((state) => state.show);
  const [confirming, setConfirming] = useState(false);
  const keepGoing = useRef<HTMLButtonElement>(null);
  useHotkeys(useMemo(() => ({ Escape: () => setConfirming((open) => !open) }), []), row.draft.step !== 'matter');
  useEffect(() => {
    if (confirming) keepGoing.current?.focus();
  }, [confirming]);

  if (row.draft.step === 'matter') return null;
  const discard = async () => {
    await discardDraft(row.draftId);
    show({ screen: 'today' });
  };
  return confirming ? (
    <div role="alertdialog" aria-labelledby="discard-question" className="discard warning">
      <p id="discard-question">{t('ui.case.discard_confirm')}</p>
      <button type="button" ref={keepGoing} onClick={() => setConfirming(false)}>
        {t('ui.case.discard_no')}
      </button>
      <button type="button" className="primary" onClick={() => void discard()}>
        {t('ui.case.discard_yes')}
      </button>
    </div>
  ) : (
    <button type="button" className="discard-button" onClick={() => setConfirming(true)}>
      {t('ui.case.discard')} <kbd>Esc</kbd>
    </button>
  );
};
