import { useState, type FormEvent } from 'react';
import { callHost } from '../../host';
import { t } from '../../i18n';
import { errorMessage } from '../../components/ErrorBanner';

const PIN_FORMAT = /^\d{6}$/;

/**
 * The supervisor's way past the hand-over panel's wait: their own 工号 and PIN end the wait for the
 * clerk, who then types their PIN as before. Main writes the release to its audit log under the
 * supervisor's account, with the waiting clerk as its subject.
 */
export const HandoverRelease = ({ clerkId, onReleased }: { clerkId: string; onReleased(): void }) => {
  const [supervisorId, setSupervisorId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);

  const release = async (event: FormEvent) => {
    event.preventDefault();
    if (supervisorId.trim() === '') return setError(t('ui.handover.release_id_missing'));
    if (!PIN_FORMAT.test(pin)) return setError(t('ui.handover.pin_format'));
    try {
      // Main writes the release to the audit log under the releasing supervisor's name.
      await callHost('releaseHandoverWait', { clerkId, supervisor: { clerkId: supervisorId.trim(), pin } });
      onReleased();
    } catch (failure) {
      setPin('');
      setError(errorMessage(failure));
    }
  };

  return (
    <form className="unlock unlock--release" onSubmit={release} aria-label={t('ui.handover.release_title')}>
      <label htmlFor="supervisorId">{t('ui.handover.release_id')}</label>
      <input id="supervisorId" autoComplete="off" autoFocus value={supervisorId} onChange={(e) => setSupervisorId(e.target.value)} />
      <label htmlFor="supervisorPin">{t('ui.handover.release_pin')}</label>
      <input id="supervisorPin" type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value)} />
      <button type="submit">{t('ui.handover.release')}</button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
};
