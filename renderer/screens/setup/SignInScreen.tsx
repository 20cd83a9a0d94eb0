import { useEffect, useState, type FormEvent } from 'react';
import { SecretsWarning } from '../../components/SecretsWarning';
import { Field } from '../../components/Field';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { callHost, hostText } from '../../host';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';

export const SignInScreen = () => {
  const { setup, signedIn } = useSession();
  const [clerkId, setClerkId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Main ended the last session itself (a central roster changed the account): it says why here,
  // whichever way the window got back to sign-in (the refused call, a reload).
  const [ended, setEnded] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    callHost('sessionEndNotice', {}).then(
      (notice) => live && setEnded(notice ? hostText(notice) : null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = !/^[0-9A-Za-z]{2,16}$/.test(clerkId.trim())
      ? t('ui.clerk.id_invalid')
      : !/^\d{6}$/.test(pin)
        ? t('ui.clerk.pin_invalid')
        : null;
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      const session = await callHost('signIn', { clerkId: clerkId.trim(), pin });
      signedIn(session);
    } catch (failure) {
      setPin('');
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="card card--narrow">
      <h1>{t('ui.signin.title')}</h1>
      <p className="lead">
        {setup?.device ? t('ui.signin.counter', { counter: setup.device.counterId, agency: setup.device.agencyName }) : null}
      </p>
      {ended && !error ? (
        <div className="banner banner--error" role="alert" data-testid="session-ended">
          {ended}
        </div>
      ) : null}
      <ErrorBanner message={error} />
      <form onSubmit={submit}>
        <Field id="clerkId" label={t('ui.clerk.id')}>
          <input id="clerkId" autoFocus autoComplete="username" value={clerkId} onChange={(e) => setClerkId(e.target.value)} />
        </Field>
        <Field id="pin" label={t('ui.clerk.pin')}>
          <input id="pin" type="password" inputMode="numeric" autoComplete="current-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.signin.submit')}
        </button>
      </form>
      <SecretsWarning setup={setup} />
    </main>
  );
};
