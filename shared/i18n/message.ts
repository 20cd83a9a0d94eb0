import type { MessageParams } from './translate';

/**
 * Text for people travels as a catalog key with its parameters and is worded only where it is read,
 * in the reader's language: the renderer in the UI's, the command line in Chinese. A parameter is put
 * in as it is, or is itself a message (a field's label, a value's description), or a list of either.
 */
export interface Message<K extends string = string> {
  readonly key: K;
  readonly params?: Readonly<Record<string, MessageArg>>;
}

export type MessageArg = string | number | Message | readonly MessageArg[];

export type Translate = (key: string, params?: MessageParams) => string;

const isList = (arg: MessageArg): arg is readonly MessageArg[] => Array.isArray(arg);

/** A parameter as text: as it is, worded, or a list joined as the locale lists. */
export const wordArg = (translate: Translate, arg: MessageArg): string | number => {
  if (typeof arg === 'string' || typeof arg === 'number') return arg;
  if (isList(arg)) return arg.map((item) => wordArg(translate, item)).join(translate('text.list_separator'));
  return wordMessage(translate, arg as Message);
};

export const wordMessage = (translate: Translate, message: Message): string => {
  if (!message.params) return translate(message.key);
  const params: Record<string, string | number> = {};
  for (const [name, arg] of Object.entries(message.params)) params[name] = wordArg(translate, arg);
  return translate(message.key, params);
};

export const message = <K extends string>(key: K, params?: Readonly<Record<string, MessageArg>>): Message<K> =>
  params ? { key, params } : { key };
