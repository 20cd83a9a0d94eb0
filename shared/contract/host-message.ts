import type { hostMessages } from '../i18n/zh-CN/host';

/**
 * What the host says to people travels as a key of the host catalog with its parameters, never as a
 * sentence: the renderer words it in the UI's language, the command line in Chinese. The keys and the
 * parameters each key's text needs come from the Chinese reference catalog, so the type checker refuses
 * a key the catalog lacks or a placeholder left unfilled.
 */
export type HostMessageKey = keyof typeof hostMessages;

type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/**
 * One value per placeholder. A value that is itself a code (an errno, an IPP status, a case number)
 * stays a code. `fields` is the exception: the paths of refused arguments, which the reader labels.
 */
export type HostMessageParams<K extends HostMessageKey> = {
  readonly [Name in Placeholders<(typeof hostMessages)[K]>]: Name extends 'fields' ? readonly string[] : string | number;
};

type NeedsParams<K extends HostMessageKey> = [Placeholders<(typeof hostMessages)[K]>] extends [never] ? false : true;

export type HostMessage = {
  [K in HostMessageKey]: NeedsParams<K> extends true ? { key: K; params: HostMessageParams<K> } : { key: K; params?: undefined };
}[HostMessageKey];

/** The arguments after a key: its parameters when its text has placeholders, nothing otherwise. */
export type HostMessageArgs<K extends HostMessageKey> = NeedsParams<K> extends true ? [params: HostMessageParams<K>] : [];

export const hostMessage = <K extends HostMessageKey>(key: K, ...[params]: HostMessageArgs<K>): HostMessage =>
  (params === undefined ? { key } : { key, params }) as HostMessage;
