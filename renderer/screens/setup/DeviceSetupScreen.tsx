import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { cryptoSuites, type CryptoSuiteName } from '../../../shared/contract/domains/setup';
import { callHost } from '../../host';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';

/**
 * First start of a counter machine: which counter and which agency it serves, and the deployment's
 * cryptographic suite — chosen here once, since every record and ledger line names the suite it was
 * signed with and main offers no way to change it afterwards.
 */
export const DeviceSetupScreen = () => {
  const load = useSession((state) => state.load);
  const [counterId, setCounterId] = useState('');
  const [agencyName, setAgencyName] = useState('');
  const [cryptoSuite, setCryptoSuite] = useState<CryptoSuiteName>('gm');
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
      await callHost('configureDevice', { counterId: counter, agencyName: agencyName.trim(), cryptoSuite });
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
        <fieldset aria-describedby="cryptoSuite-hint">
          <legend>{t('ui.setup.suite')}</legend>
          {cryptoSuites.map((suite) => (
            <label key={suite} className="choice">
              <input type="radio" name="cryptoSuite" value={suite} checked={cryptoSuite === suite} onChange={() => setCryptoSuite(suite)} />
              {t(`ui.setup.suite_${suite}`)}
            </label>
          ))}
          <p id="cryptoSuite-hint" className="field__hint">
            {t('ui.setup.suite_hint')}
          </p>
        </fieldset>
        <button type="submit" className="primary">
          {t('ui.setup.save')}
        </button>
      </form>
    </main>
  );
};
