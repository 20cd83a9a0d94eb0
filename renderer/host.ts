import type { HostApi, HostMethod, HostOutputs, HostInput } from '../shared/contract/host-contract';
import type { Result } from '../shared/contract/result';
import { t } from '../shared/i18n';

declare global {
  interface Window {
    /** Installed by the preload (Electron) or the test harness: the only way to the main process. */
    readonly host?: HostApi;
  }
}

/** A refused host call, carrying the Chinese message to show and the code to branch on. */
export class HostCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the host and unwraps its result; a refusal becomes a HostCallError with a Chinese message. */
export const callHost = async <K extends HostMethod>(method: K, arg: HostInput<K>): Promise<HostOutputs[K]> => {
  const host = window.host;
  if (!host) throw new HostCallError('NO_HOST', t('host.error.unavailable'));
  const call = host[method] as unknown as (a: HostInput<K>) => Promise<Result<HostOutputs[K]>>;
  const result = await call(arg);
  if (!result.ok) throw new HostCallError(result.error.code, result.error.message);
  return result.value;
};
