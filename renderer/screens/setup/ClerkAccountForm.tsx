import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { callHost } from '../../host';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';

/**
 * First start: the device's first account, its administrator (main refuses once any account exists);
 * the administrator then creates the others (AccountsScreen).
 */
export const FirstAdministratorScreen = () => {
  const load = useSession((state) => state.load);
  const [clerkId, setClerkId] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!/^[0-9A-Za-z]{2,16}$/.test(clerkId.trim())) problems.clerkId = t('ui.clerk.id_invalid');
    if (!name.trim()) problems.name = t('ui.clerk.name_empty');
    if (!/^\d{6}$/.test(pin)) problems.pin = t('ui.clerk.pin_invalid');
    else if (pin !== pinAgain) problems.pinAgain = t('ui.clerk.pin_mismatch');
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      await callHost('createAdministrator', { clerkId: clerkId.trim(), name: name.trim(), pin });
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <main className="card card--narrow">
      <h1>{t('ui.clerk.first_title')}</h1>
      <p className="lead">{t('ui.clerk.first_lead')}</p>
      <ErrorBanner message={error} />
      <form onSubmit={submit}>
        <Field id="newClerkId" label={t('ui.clerk.id')} error={fieldErrors.clerkId}>
          <input id="newClerkId" autoFocus value={clerkId} onChange={(e) => setClerkId(e.target.value)} />
        </Field>
        <Field id="newClerkName" label={t('ui.clerk.name')} error={fieldErrors.name}>
          <input id="newClerkName" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="newPin" label={t('ui.clerk.pin')} error={fieldErrors.pin}>
          <input id="newPin" type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
        <Field id="newPinAgain" label={t('ui.clerk.pin_again')} error={fieldErrors.pinAgain}>
          <input id="newPinAgain" type="password" inputMode="numeric" autoComplete="new-password" value={pinAgain} onChange={(e) => setPinAgain(e.target.value)} />
        </Field>
        <button type="submit" className="primary">
          {t('ui.clerk.create')}
        </button>
      </form>
    </main>
  );
};
