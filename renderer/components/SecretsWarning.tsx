import type { SetupState } from '../../shared/contract/host-contract';
import { t } from '../i18n';

/**
 * The loud warning where the operating system does not protect main's sealed secrets (Linux without a
 * keyring): shown before anyone signs in, and to the administrator who can fix it, on 账户管理.
 */
export const SecretsWarning = ({ setup }: { setup: SetupState | null }) =>
  setup && !setup.secretsProtectedByOs ? (
    <div className="banner banner--warning" role="note" data-testid="secrets-warning">
      <strong>{t('ui.secrets.unprotected_title')}</strong>
      <p>{t('ui.secrets.unprotected_body')}</p>
    </div>
  ) : null;
