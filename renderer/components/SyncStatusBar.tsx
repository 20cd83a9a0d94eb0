import { useEffect, useMemo } from 'react';
import { hostText } from '../host';
import { t } from '../i18n';
import { useSession } from '../state/session-store';
import { useSyncPolling, useSyncStore } from '../sync/sync-status-store';
import { age, fullTime, progressText, skewMinutes, skewTitle, syncTime } from '../sync/sync-wording';
import { useHotkeys } from './useHotkeys';
import { useNow } from './useNow';

/**
 * The clerk's always-visible line about the central system, under the header of every clerk screen:
 * 未发送 N 件 · 上次同步 HH:MM · 事项目录 N 小时前 · 黑名单 — · 时钟偏差 N 分钟 (warning colour only beyond
 * 5 minutes) · 立即同步 (F8, or Tab and Enter). While a round runs it shows `x / y 件，a / b MB`.
 * Compact but legible: the large type is the applicant's screen's. Counts, times and codes only —
 * never a name or an ID number.
 */
export const SyncStatusBar = () => {
  useSyncPolling();
  const { status, requested, error, syncNow, refresh } = useSyncStore();
  // Another screen (a case sealed, its letter archived): the count now, not at the next poll.
  const view = useSession((state) => state.view);
  useEffect(() => void refresh(), [view, refresh]);
  const now = useNow(30_000);
  const enrolled = status?.enrolled === true;
  useHotkeys(useMemo(() => ({ F8: () => void syncNow() }), [syncNow]), enrolled);
  if (!status) return null;

  const catalog = status.catalogAsOf ? t('ui.sync.catalog_age', { age: age(status.catalogAsOf, now) }) : t('ui.sync.catalog_unknown');
  if (!enrolled) {
    return (
      <section className="sync-bar" aria-label={t('ui.sync.bar_label')} data-testid="sync-status">
        <span data-testid="sync-not-enrolled">{t('ui.sync.not_enrolled')}</span>
        <span>{catalog}</span>
      </section>
    );
  }

  const running = requested || status.progress !== null;
  const skew = status.clockSkewSeconds;
  const failure = error ?? (status.lastError ? hostText(status.lastError) : null);
  return (
    <section className="sync-bar" aria-label={t('ui.sync.bar_label')} data-testid="sync-status">
      <span data-testid="sync-unsent">{t('ui.sync.unsent', { count: status.unsentRecords })}</span>
      <span data-testid="sync-last" title={status.lastSuccessAt ? fullTime(status.lastSuccessAt) : undefined}>
        {status.lastSuccessAt ? t('ui.sync.last_sync', { time: syncTime(status.lastSuccessAt, now) }) : t('ui.sync.never_synced')}
      </span>
      <span data-testid="sync-catalog">{catalog}</span>
      <span data-testid="sync-blacklist">{status.blacklistAsOf ? t('ui.sync.blacklist_age', { age: age(status.blacklistAsOf, now) }) : t('ui.sync.blacklist_none')}</span>
      {skew !== null ? (
        <span data-testid="sync-skew" className={status.clockSkewWarning ? 'sync-bar__warn' : undefined} title={skewTitle(skew)}>
          {t('ui.sync.clock_skew', { minutes: skewMinutes(skew) })}
        </span>
      ) : null}
      {status.progress ? (
        <span data-testid="sync-progress" role="status">
          {progressText(status.progress)}
        </span>
      ) : null}
      {status.problems > 0 ? <span className="sync-bar__warn">{t('ui.sync.problems', { count: status.problems })}</span> : null}
      {status.escrowPending ? <span className="muted">{t('ui.sync.escrow_pending')}</span> : null}
      {failure && !running ? (
        <span className="sync-bar__error" data-testid="sync-error" title={failure}>
          {t('ui.sync.failed', { reason: failure })}
        </span>
      ) : null}
      <button type="button" className="sync-bar__now" onClick={() => void syncNow()} disabled={running} aria-keyshortcuts="F8">
        {running ? t('ui.sync.running') : t('ui.sync.now')} <kbd>F8</kbd>
      </button>
    </section>
  );
};
