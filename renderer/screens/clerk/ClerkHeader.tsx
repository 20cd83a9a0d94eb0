import { t } from '../../i18n';
import { hasRole, useSession } from '../../state/session-store';

export const ClerkHeader = () => {
  const { setup, clerk, signOut, show } = useSession();
  const leave = async () => {
    await signOut();
  };
  return (
    <header className="clerk-header">
      <span className="clerk-header__title">{t('app.title')}</span>
      <span>{t('ui.header.counter', { counter: setup?.device?.counterId ?? '', agency: setup?.device?.agencyName ?? '' })}</span>
      <span data-testid="signed-in-clerk">{t('ui.header.clerk', { name: clerk?.name ?? '', id: clerk?.clerkId ?? '' })}</span>
      {/* Its own header item: a badge inside the name would break that item across lines. */}
      {clerk ? <span className="badge" data-testid="signed-in-role">{t(`ui.role.${clerk.role}`)}</span> : null}
      <button type="button" className="link" onClick={() => show({ screen: 'catalog' })}>
        {t('ui.header.catalog')}
      </button>
      <button type="button" className="link" onClick={() => show({ screen: 'printer' })}>
        {t('ui.header.printer')}
      </button>
      {/* Main refuses 档案核验 to anyone but a supervisor: the header offers it to them alone. */}
      {hasRole(clerk, 'supervisor') ? (
        <button type="button" className="link" onClick={() => show({ screen: 'archive' })}>
          {t('ui.header.archive')}
        </button>
      ) : null}
      {/* 日结 is a supervisor's (main refuses anyone else), like 档案核验. */}
      {hasRole(clerk, 'supervisor') ? (
        <button type="button" className="link" onClick={() => show({ screen: 'day-close' })}>
          {t('ui.header.day_close')}
        </button>
      ) : null}
      {/* 中心同步: the supervisor's problem list, the administrator's enrollment (main checks both roles). */}
      {hasRole(clerk, 'supervisor', 'administrator') ? (
        <button type="button" className="link" onClick={() => show({ screen: 'sync' })}>
          {t('ui.header.sync')}
        </button>
      ) : null}
      {hasRole(clerk, 'administrator') ? (
        <button type="button" className="link" onClick={() => show({ screen: 'accounts' })}>
          {t('ui.header.accounts')}
        </button>
      ) : null}
      <button type="button" className="link" onClick={leave}>
        {t('ui.header.sign_out')}
      </button>
    </header>
  );
};
