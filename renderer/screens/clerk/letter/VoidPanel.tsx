import { useState } from 'react';
import { voidReasons, type VoidReason, type VoidRecord } from '../../../../shared/domain/void-record';
import { ErrorBanner, errorMessage } from '../../../components/ErrorBanner';
import { callHost } from '../../../host';
import { t } from '../../../i18n';

const NOTE_MAX = 200;

/**
 * 作废 by a supervisor: the reason from the closed list, a note (needed for 其他), one confirmation.
 * Main seals the void as a record of its own; the case's record and letter stay as they were.
 */
export const VoidPanel = ({ caseNumber, onVoided, onClose }: { caseNumber: string; onVoided(record: VoidRecord): void; onClose(): void }) => {
  const [reason, setReason] = useState<VoidReason>('data_entry_mistake');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onVoided(await callHost('voidRecord', { caseNumber, reason, note }));
    } catch (failure) {
      // What was chosen and typed stays in the form.
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="reprint" aria-labelledby="void-title">
      <h3 id="void-title">{t('ui.void.title', { caseNumber })}</h3>
      <p>{t('ui.void.explain')}</p>
      <ErrorBanner message={error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>{t('ui.void.reason')}</legend>
          {voidReasons.map((code) => (
            <label key={code} className="choice">
              {/* Keyboard first: the panel opens on the reason, ↑ ↓ choose, Tab to the note and the buttons. */}
              <input type="radio" name="void-reason" value={code} checked={reason === code} onChange={() => setReason(code)} autoFocus={reason === code} />
              {t(`ui.void.reason_${code}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('ui.void.note')}
          <input value={note} maxLength={NOTE_MAX} onChange={(event) => setNote(event.target.value)} />
        </label>
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>
            {t('ui.void.confirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('ui.void.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
};
