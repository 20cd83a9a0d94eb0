import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useHotkeys } from '../../components/useHotkeys';
import { recordAudit } from '../../db/audit-log';
import { leaveHandover, type HandoverState } from '../../db/applicant-screen-state';
import { callHost, HostCallError } from '../../host';
import { t } from '../../i18n';
import { errorMessage } from '../../components/ErrorBanner';
import { ApplicantView } from './ApplicantView';
import { HandoverRelease } from './HandoverRelease';

const PIN_FORMAT = /^\d{6}$/;

/**
 * One display only: this window faces the applicant and shows nothing of the clerk's screens. Only
 * the PIN of the clerk who handed it over takes it back. Wrong PINs here never lock the clerk's account
 * (the host keeps this panel's own back-off); Esc closes the panel.
 */
export const HandoverScreen = ({ handover }: { handover: HandoverState }) => {
  const [unlocking, setUnlocking] = useState(false);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  // After wrong PINs the panel makes the clerk wait; a supervisor may end the wait.
  const [waiting, setWaiting] = useState(false);
  const [releasing, setReleasing] = useState(false);

  const close = useCallback(() => {
    setUnlocking(false);
    setReleasing(false);
    setPin('');
    setError(null);
  }, []);
  useHotkeys(useMemo(() => ({ Escape: close }), [close]), unlocking);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    // Checked here first: the host would only say which field of its call was malformed.
    if (!PIN_FORMAT.test(pin)) {
      setError(t('ui.handover.pin_format'));
      return;
    }
    try {
      await callHost('unlockHandover', { clerkId: handover.clerkId, pin });
      await recordAudit('handover.leave', handover.draftId);
      await leaveHandover();
    } catch (failure) {
      setPin('');
      setError(errorMessage(failure));
      setWaiting(failure instanceof HostCallError && failure.code === 'HANDOVER_WAIT');
      await recordAudit('handover.pin_wrong', handover.draftId);
    }
  };

  const released = () => {
    setReleasing(false);
    setWaiting(false);
    setError(t('ui.handover.released'));
  };

  const unlockPanel = releasing ? (
    <div className="unlock-stack">
      <HandoverRelease clerkId={handover.clerkId} onReleased={released} />
      <button type="button" onClick={close}>
        {t('ui.handover.cancel')}
      </button>
    </div>
  ) : unlocking ? (
    <form className="unlock" onSubmit={unlock}>
      <label htmlFor="handoverPin">{t('ui.handover.pin')}</label>
      <input id="handoverPin" type="password" inputMode="numeric" autoFocus value={pin} onChange={(e) => setPin(e.target.value)} />
      <button type="submit">{t('ui.handover.unlock')}</button>
      <button type="button" onClick={close}>
        {t('ui.handover.cancel')}
      </button>
      {error ? <p role="alert">{error}</p> : null}
      {waiting ? (
        <button type="button" onClick={() => setReleasing(true)}>
          {t('ui.handover.ask_release')}
        </button>
      ) : null}
    </form>
  ) : (
    <button type="button" className="unlock-button" onClick={() => setUnlocking(true)}>
      {t('ui.handover.staff')}
    </button>
  );

  return (
    <div className="applicant-shell applicant-shell--handover">
      <ApplicantView draftId={handover.draftId} finished={<p className="applicant-message__sub">{t('ui.handover.give_back')}</p>} />
      <div className="handover-corner">{unlockPanel}</div>
    </div>
  );
};
