import type { SyncProgress } from '../../shared/contract/host-contract';
import { t } from '../i18n';

/** The words of the status line: times in Asia/Shanghai, ages in whole units, sizes in MB. */
const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateAndClock = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' });

const shanghaiDay = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(date);

/** `14:05` today, the date with it on another day. */
export const syncTime = (iso: string, now: Date): string => {
  const at = new Date(iso);
  return shanghaiDay(at) === shanghaiDay(now) ? clock.format(at) : dateAndClock.format(at);
};

export const fullTime = (iso: string): string => dateAndClock.format(new Date(iso));

/** `刚刚`, `N 分钟前`, `N 小时前`, `N 天前`. */
export const age = (iso: string, now: Date): string => {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return t('ui.sync.age_just_now');
  if (minutes < 60) return t('ui.sync.age_minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('ui.sync.age_hours', { count: hours });
  return t('ui.sync.age_days', { count: Math.floor(hours / 24) });
};

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(bytes > 0 && bytes < 104_858 ? 2 : 1);

export const progressText = (progress: SyncProgress): string =>
  t('ui.sync.progress', { done: progress.done, total: progress.total, mbDone: mb(progress.bytesDone), mbTotal: mb(progress.bytesTotal) });

/** Whole minutes of skew, rounded, without sign (the title says ahead or behind). */
export const skewMinutes = (seconds: number): number => Math.round(Math.abs(seconds) / 60);

export const skewTitle = (seconds: number): string =>
  seconds >= 0 ? t('ui.sync.clock_ahead', { seconds: Math.round(seconds) }) : t('ui.sync.clock_behind', { seconds: Math.round(-seconds) });
