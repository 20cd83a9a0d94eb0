import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { roles, type ClerkAccount, type Role } from '../../../shared/contract/host-contract';
import { ErrorBanner, errorMessage, NoticeBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { SecretsWarning } from '../../components/SecretsWarning';
import { useHotkeys } from '../../components/useHotkeys';
import { callHost } from '../../host';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';
import { SecuritySettingsForm } from './SecuritySettingsForm';

/** The administrator's page: the device's accounts, a new one with its role, and the sign-in rules. */
export const AccountsScreen = () => {
  const { show, setup } = useSession();
  const [accounts, setAccounts] = useState<ClerkAccount[]>([]);
  const [clerkId, setClerkId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useHotkeys(useMemo(() => ({ Escape: () => show({ screen: 'today' }) }), [show]));

  const load = useCallback(async () => {
    try {
      setAccounts(await callHost('listAccounts', {}));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const problems: Record<string, string> = {};
    if (!/^[0-9A-Za-z]{2,16}$/.test(clerkId.trim())) problems.clerkId = t('ui.clerk.id_invalid');
    if (!name.trim()) problems.name = t('ui.clerk.name_empty');
    if (!/^\d{6}$/.test(pin)) problems.pin = t('ui.clerk.pin_invalid');
    else if (pin !== pinAgain) problems.pinAgain = t('ui.clerk.pin_mismatch');
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      const created = await callHost('createAccount', { clerkId: clerkId.trim(), name: name.trim(), pin, role });
      setNotice(t('ui.accounts.created', { id: created.clerkId, role: t(`ui.role.${created.role}`) }));
      setError(null);
      setClerkId('');
      setName('');
      setPin('');
      setPinAgain('');
      await load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <main className="page" aria-labelledby="accounts-title">
      <h2 id="accounts-title">{t('ui.accounts.title')}</h2>
      <SecretsWarning setup={setup} />
      <ErrorBanner message={error} />
      <NoticeBanner message={notice} />
      <h3>{t('ui.accounts.list_title')}</h3>
      <table className="records" data-testid="account-list">
        <tbody>
          {accounts.map((account) => (
            <tr key={account.clerkId}>
              <td className="mono">{account.clerkId}</td>
              <td>{account.name}</td>
              <td>{t(`ui.role.${account.role}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('ui.accounts.create_title')}</h3>
      <form onSubmit={create} aria-label={t('ui.accounts.create_title')}>
        <Field id="accountId" label={t('ui.clerk.id')} error={fieldErrors.clerkId}>
          <input id="accountId" autoComplete="off" value={clerkId} onChange={(e) => setClerkId(e.target.value)} />
        </Field>
        <Field id="accountName" label={t('ui.clerk.name')} error={fieldErrors.name}>
          <input id="accountName" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field id="accountRole" label={t('ui.accounts.role')}>
          <select id="accountRole" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((candidate) => (
              <option key={candidate} value={candidate}>
                {t(`ui.role.${candidate}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="accountPin" label={t('ui.clerk.pin')} error={fieldErrors.pin}>
          <input id="accountPin" type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
        <Field id="accountPinAgain" label={t('ui.clerk.pin_again')} error={fieldErrors.pinAgain}>
          <input id="accountPinAgain" type="password" inputMode="numeric" autoComplete="new-password" value={pinAgain} onChange={(e) => setPinAgain(e.target.value)} />
        </Field>
        <button type="submit" className="primary">
          {t('ui.clerk.create')}
        </button>
      </form>
      <SecuritySettingsForm />
      <div className="actions">
        <button type="button" onClick={() => show({ screen: 'today' })}>
          {t('ui.case.to_today')} <kbd>Esc</kbd>
        </button>
      </div>
    </main>
  );
};
