import { useState, type FormEvent } from 'react';
import type { EnrolledInfo, EnrollPreview } from '../../../shared/contract/host-contract';
import { ErrorBanner, errorMessage } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { callHost } from '../../host';
import { t } from '../../i18n';

/**
 * The device administrator's enrollment with the central system, in two steps: the address and
 * one-time code (or the QR text) → main fetches the server's certificate and shows its SHA-256
 * fingerprint, which the administrator compares with the one the central system's administrator
 * gave → 登记. Main keeps the credentials; this panel only ever sees the address, the hall, the time
 * and the fingerprint. Once enrolled, the page (SyncScreen) says so and shows the state instead.
 * `again`: the central system revoked this device and the administrator enrolls it anew with a new
 * code; main replaces the revoked credentials and keeps everything else.
 */
export const EnrollmentPanel = ({ onEnrolled, again = false }: { onEnrolled: (info: EnrolledInfo) => void; again?: boolean }) => {
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [preview, setPreview] = useState<EnrollPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isQr = address.trim().startsWith('ccenroll:');
  const entry = () => ({ address: address.trim(), ...(isQr || !code.trim() ? {} : { code: code.trim() }) });

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setPreview(await callHost('syncEnrollPreview', entry()));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const enroll = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const info = await callHost('syncEnroll', { ...entry(), fingerprint: preview.fingerprint });
      onEnrolled(info);
    } catch (failure) {
      setError(errorMessage(failure));
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="enroll-title" data-testid="enrollment-panel">
      <h3 id="enroll-title">{t(again ? 'ui.sync.reenroll_title' : 'ui.sync.enroll_title')}</h3>
      <ErrorBanner message={error} />
      {preview ? (
        <div className="card" data-testid="enroll-confirm">
          <h4>{t('ui.sync.confirm_title')}</h4>
          <p>{t('ui.sync.server', { server: preview.serverUrl })}</p>
          {preview.fingerprint ? (
            <>
              <p className="muted">{preview.fingerprintFromQr ? t('ui.sync.confirm_from_qr') : t('ui.sync.confirm_hint')}</p>
              <p className="mono" data-testid="enroll-fingerprint">
                {preview.fingerprint}
              </p>
            </>
          ) : (
            <p className="muted">{t('ui.sync.confirm_loopback')}</p>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void enroll()} disabled={busy}>
              {preview.fingerprint ? t('ui.sync.confirm') : t('ui.sync.confirm_plain')}
            </button>
            <button type="button" onClick={() => setPreview(null)} disabled={busy}>
              {t('ui.sync.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={check} aria-label={t('ui.sync.enroll_title')}>
          <p className="muted">{t('ui.sync.enroll_hint')}</p>
          <Field id="syncAddress" label={t('ui.sync.address')}>
            <input id="syncAddress" autoComplete="off" spellCheck={false} value={address} onChange={(e) => setAddress(e.target.value)} />
          </Field>
          {isQr ? null : (
            <Field id="syncCode" label={t('ui.sync.code')}>
              <input id="syncCode" className="mono" autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} />
            </Field>
          )}
          <button type="submit" className="primary" disabled={busy || !address.trim()}>
            {t('ui.sync.preview')}
          </button>
        </form>
      )}
    </section>
  );
};
