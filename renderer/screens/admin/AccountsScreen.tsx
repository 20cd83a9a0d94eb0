import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { roles, type AccountEntry, type Role } from '../../../shared/contract/host-contract';
import { shanghaiDateTime } from '../../../shared/domain/case-number';
import { ErrorBanner, errorMessage, NoticeBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { SecretsWarning } from '../../components/SecretsWarning';
import { useHotkeys } from '../../components/useHotkeys';
import { callHost } from '../../host';
import { t } from '../../i18n';
import { useSession } from '../../state/session-store';
import { SecuritySettingsForm } from './SecuritySettingsForm';

const at = (iso: string) => shanghaiDateTime(new Date(iso));

/** Who brought the account in, and the last roster that listed it (an account made here may be on it too). */
const originText = (account: AccountEntry) => {
  const roster = account.roster ? t('ui.accounts.origin_roster', { seq: account.roster.seq, at: at(account.roster.appliedAt) }) : null;
  if (account.origin === 'roster') return roster ?? t('ui.accounts.origin_roster_unknown');
  return roster ? t('ui.accounts.origin_local_listed', { roster }) : t('ui.accounts.origin_local');
};

const stateText = (account: AccountEntry) =>
  account.disabledAt ? t('ui.accounts.state_disabled', { at: at(account.disabledAt) }) : account.awaitingPin ? t('ui.accounts.state_awaiting_pin') : t('ui.accounts.state_active');

/**
 * The first PIN of a roster account: typed twice (main checks both again), with the person there.
 * The roster's name and role stand; nothing else of the account can be changed here.
 */
const FirstPinForm = ({ account, onDone, onCancel }: { account: AccountEntry; onDone(message: string): void; onCancel(): void }) => {
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!/^\d{6}$/.test(pin)) problems.pin = t('ui.clerk.pin_invalid');
    else if (pin !== pinAgain) problems.pinAgain = t('ui.clerk.pin_mismatch');
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const set = await callHost('setAccountPin', { clerkId: account.clerkId, pin, pinAgain });
      onDone(t('ui.accounts.pin_set', { id: set.clerkId }));
    } catch (failure) {
      setPin('');
      setPinAgain('');
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const title = t('ui.accounts.set_pin_for', { id: account.clerkId, name: account.name });
  return (
    <form className="first-pin" onSubmit={submit} aria-label={title} data-testid="first-pin-form">
      <h4>{title}</h4>
      <ErrorBanner message={error} />
      <div className="form-grid">
        <Field id="firstPin" label={t('ui.clerk.pin')} error={fieldErrors.pin}>
          <input id="firstPin" type="password" inputMode="numeric" autoFocus autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
        <Field id="firstPinAgain" label={t('ui.clerk.pin_again')} error={fieldErrors.pinAgain}>
          <input id="firstPinAgain" type="password" inputMode="numeric" autoComplete="new-password" value={pinAgain} onChange={(e) => setPinAgain(e.target.value)} />
        </Field>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('ui.accounts.set_pin_save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.accounts.set_pin_cancel')}
        </button>
      </div>
    </form>
  );
};

/**
 * The administrator's page: the device's accounts (where each came from, which a central roster
 * disabled), the roster's accounts still waiting for their first PIN here, a new account with its
 * role, and the sign-in rules.
 */
export const AccountsScreen = () => {
  const { show, setup } = useSession();
  const [accounts, setAccounts] = useState<AccountEntry[]>([]);
  const [settingPin, setSettingPin] = useState<string | null>(null);
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
      setAccounts(await callHost('accountDirectory', {}));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);
  useEffect(() => void load(), [load]);
  const awaiting = accounts.filter((account) => account.awaitingPin && !account.disabledAt);
  const pinFor = awaiting.find((account) => account.clerkId === settingPin) ?? null;

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
      {awaiting.length > 0 ? (
        <section className="awaiting-pin" aria-labelledby="awaiting-title" data-testid="awaiting-pin">
          <h3 id="awaiting-title">{t('ui.accounts.awaiting_title')}</h3>
          <p className="lead">{t('ui.accounts.awaiting_lead')}</p>
          <ul className="awaiting-pin__list">
            {awaiting.map((account) => (
              <li key={account.clerkId} data-testid={`awaiting-${account.clerkId}`}>
                <span className="mono">{account.clerkId}</span>
                <span>{account.name}</span>
                <span>{t(`ui.role.${account.role}`)}</span>
                <span className="muted">{originText(account)}</span>
                <button type="button" onClick={() => setSettingPin(account.clerkId)} disabled={settingPin === account.clerkId}>
                  {t('ui.accounts.set_pin')}
                </button>
              </li>
            ))}
          </ul>
          {pinFor ? (
            <FirstPinForm
              key={pinFor.clerkId}
              account={pinFor}
              onCancel={() => setSettingPin(null)}
              onDone={(message) => {
                setSettingPin(null);
                setError(null);
                setNotice(message);
                void load();
              }}
            />
          ) : null}
        </section>
      ) : null}
      <h3>{t('ui.accounts.list_title')}</h3>
      <table className="records accounts-table" data-testid="account-list">
        <thead>
          <tr>
            <th scope="col">{t('ui.accounts.col_id')}</th>
            <th scope="col">{t('ui.accounts.col_name')}</th>
            <th scope="col">{t('ui.accounts.col_role')}</th>
            <th scope="col">{t('ui.accounts.col_origin')}</th>
            <th scope="col">{t('ui.accounts.col_state')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.clerkId} data-testid={`account-${account.clerkId}`} className={account.disabledAt ? 'account--disabled' : undefined}>
              <td className="mono">{account.clerkId}</td>
              <td>{account.name}</td>
              <td>{t(`ui.role.${account.role}`)}</td>
              <td>{originText(account)}</td>
              <td data-testid={`account-state-${account.clerkId}`}>{stateText(account)}</td>
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
