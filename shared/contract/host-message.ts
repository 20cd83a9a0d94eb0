import type { CatalogProblem } from '../catalog/check-catalog';
import type { hostMessages as mainHostMessages } from '../i18n/zh-CN/host';
import type { catalogHostMessages } from '../i18n/zh-CN/catalog-host';
import type { personalDataMessages } from '../i18n/zh-CN/personal-data';
import type { recordMessages } from '../i18n/zh-CN/records';
import type { syncMessages } from '../i18n/zh-CN/sync';
import type { pullMessages } from '../i18n/zh-CN/pull';
import type { dayCloseMessages } from '../i18n/zh-CN/day-close';

// The catalog's refusals are kept beside its other words (catalog-host.ts) but are host messages all the same.
type HostMessageTexts = typeof mainHostMessages &
  Pick<typeof catalogHostMessages, `host.catalog.${string}` & keyof typeof catalogHostMessages> &
  // So are the refusals of personal data at rest (personal-data.ts).
  Pick<typeof personalDataMessages, `host.personal_data.${string}` & keyof typeof personalDataMessages> &
  // And sealing's and the record store's (records.ts).
  typeof recordMessages &
  // And the central-system link's (sync.ts).
  Pick<typeof syncMessages, `host.sync.${string}` & keyof typeof syncMessages> &
  // And the counter's refusals of what it pulls from the central system (pull.ts).
  Pick<typeof pullMessages, `host.pull.${string}` & keyof typeof pullMessages> &
  // And the day close's (day-close.ts).
  Pick<typeof dayCloseMessages, `host.day_close.${string}` & keyof typeof dayCloseMessages>;

/**
 * What the host says to people travels as a key of the host catalog with its parameters, never as a
 * sentence: the renderer words it in the UI's language, the command line in Chinese. The keys and the
 * parameters each key's text needs come from the Chinese reference catalog, so the type checker refuses
 * a key the catalog lacks or a placeholder left unfilled.
 */
export type HostMessageKey = keyof HostMessageTexts;

type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/**
 * One value per placeholder. A value that is itself a code (an errno, an IPP status, a case number)
 * stays a code. `fields` and `problems` are the exceptions: the paths of refused arguments, which the
 * reader labels, and a refused catalog's problems, which the reader words (host-message-text.ts).
 */
export type HostMessageParams<K extends HostMessageKey> = {
  readonly [Name in Placeholders<HostMessageTexts[K]>]: Name extends 'fields' ? readonly string[] : Name extends 'problems' ? readonly CatalogProblem[] : string | number;
};

type NeedsParams<K extends HostMessageKey> = [Placeholders<HostMessageTexts[K]>] extends [never] ? false : true;

export type HostMessage = {
  [K in HostMessageKey]: NeedsParams<K> extends true ? { key: K; params: HostMessageParams<K> } : { key: K; params?: undefined };
}[HostMessageKey];

/** The arguments after a key: its parameters when its text has placeholders, nothing otherwise. */
export type HostMessageArgs<K extends HostMessageKey> = NeedsParams<K> extends true ? [params: HostMessageParams<K>] : [];

export const hostMessage = <K extends HostMessageKey>(key: K, ...[params]: HostMessageArgs<K>): HostMessage =>
  (params === undefined ? { key } : { key, params }) as HostMessage;
