import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { callHost } from '../../host';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';

/** First start of a counter machine: which counter and which agency it serves. */
export const DeviceSetupScreen = () => {
  const load = useSession((state) => state.load);
  const [counterId, setCounterId] = useState('');
  const [agencyName, setAgencyName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [counterError, setCounterError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const counter = counterId.trim().toUpperCase();
    if (!/^[A-Z0-9]{1,8}$/.test(counter)) {
      setCounterError(t('ui.setup.counter_invalid'));
      return;
    }
    setCounterError(null);
    try {
      await callHost('configureDevice', { counterId: counter, agencyName: agencyName.trim() });
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <main className="card card--narrow">
      <h1>{t('ui.setup.device_title')}</h1>
      <p className="lead">{t('ui.setup.device_lead')}</p>
      <ErrorBanner message={error} />
      <form onSubmit={submit}>
        <Field id="counterId" label={t('ui.setup.counter')} error={counterError} hint={t('ui.setup.counter_hint')}>
          <input id="counterId" autoFocus value={counterId} onChange={(e) => setCounterId(e.target.value)} />
        </Field>
        <Field id="agencyName" label={t('ui.setup.agency')}>
          <input id="agencyName" value={agencyName} required minLength={2} onChange={(e) => setAgencyName(e.target.value)} />
        </Field>
        <button type="submit" className="primary">
          {t('ui.setup.save')}
        </button>
      </form>
    </main>
  );
};
