import { useEffect, useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { callHost, HostCallError } from '../../host';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';

/** How often the lock screen asks main whether the session is still there (a roster may end it). */
const LOCK_CHECK_MS = 15_000;

/**
 * The idle lock: nothing of the clerk's screens is shown, the case in progress stays saved as it was,
 * and only the signed-in account's PIN (checked and counted in main, like a sign-in) brings it back.
 * A session main ended meanwhile (a central roster disabled the account or changed its role) is
 * noticed without anyone typing: the window goes to sign-in, which says why.
 */
export const LockScreen = () => {
  const { clerk, signedIn, signOut } = useSession();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const timer = window.setInterval(() => {
      callHost('getSession', {}).then(
        (session) => {
          if (!session) void useSession.getState().load();
        },
        () => undefined,
      );
    }, LOCK_CHECK_MS);
    return () => window.clearInterval(timer);
  }, []);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(pin)) return setError(t('ui.clerk.pin_invalid'));
    setBusy(true);
    try {
      const session = await callHost('unlockSession', { pin });
      signedIn(session);
    } catch (failure) {
      setPin('');
      setError(errorMessage(failure));
      // Locked out: main has ended the session.
      if (failure instanceof HostCallError && failure.code === 'ACCOUNT_LOCKED') await useSession.getState().load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="card card--narrow" data-testid="lock-screen">
      <h1>{t('ui.lock.title')}</h1>
      <p className="lead">{t('ui.lock.lead', { name: clerk?.name ?? '', id: clerk?.clerkId ?? '' })}</p>
      <ErrorBanner message={error} />
      <form onSubmit={unlock}>
        <Field id="lockPin" label={t('ui.clerk.pin')}>
          <input id="lockPin" type="password" inputMode="numeric" autoFocus autoComplete="current-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('ui.lock.unlock')}
          </button>
          <button type="button" onClick={() => void signOut()}>
            {t('ui.lock.sign_out')}
          </button>
        </div>
      </form>
    </main>
  );
};
