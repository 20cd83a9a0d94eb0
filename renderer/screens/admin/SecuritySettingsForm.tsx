import { useEffect, useState, type FormEvent } from 'react';
import type { SecuritySettings } from '../../../shared/contract/host-contract';
import { ErrorBanner, errorMessage, NoticeBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { callHost } from '../../host';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';

const FIELDS = [
  { key: 'maxFailedAttempts', label: 'ui.accounts.max_attempts', min: 3, max: 10 },
  { key: 'lockMinutes', label: 'ui.accounts.lock_minutes', min: 1, max: 1440 },
  { key: 'idleLockMinutes', label: 'ui.accounts.idle_minutes', min: 1, max: 60 },
] as const;

/** The administrator's sign-in rules: the lockout after wrong PINs and the idle lock. */
export const SecuritySettingsForm = () => {
  const { load } = useSession();
  const [values, setValues] = useState<Record<keyof SecuritySettings, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    callHost('getSecuritySettings', {})
      .then((settings) => setValues({ maxFailedAttempts: String(settings.maxFailedAttempts), lockMinutes: String(settings.lockMinutes), idleLockMinutes: String(settings.idleLockMinutes) }))
      .catch((failure: unknown) => {
        setError(errorMessage(failure));
        // A damaged file: main applies the defaults meanwhile, and saving writes a sound one.
        setValues({ maxFailedAttempts: '5', lockMinutes: '15', idleLockMinutes: '5' });
      });
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!values) return;
    setNotice(null);
    const parsed = Object.fromEntries(FIELDS.map(({ key }) => [key, Number(values[key])])) as unknown as SecuritySettings;
    if (FIELDS.some(({ key, min, max }) => !Number.isInteger(parsed[key]) || parsed[key] < min || parsed[key] > max)) {
      return setError(t('ui.accounts.number_invalid'));
    }
    try {
      await callHost('changeSecuritySettings', parsed);
      setError(null);
      setNotice(t('ui.accounts.security_saved'));
      // The idle limit the renderer applies comes with the session.
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  if (!values) return <ErrorBanner message={error} />;
  return (
    <form onSubmit={save} aria-label={t('ui.accounts.security_title')}>
      <h3>{t('ui.accounts.security_title')}</h3>
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />
      {FIELDS.map(({ key, label, min, max }) => (
        <Field key={key} id={key} label={t(label)}>
          <input id={key} type="number" min={min} max={max} step={1} value={values[key]} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
        </Field>
      ))}
      <button type="submit">{t('ui.accounts.security_save')}</button>
    </form>
  );
};
