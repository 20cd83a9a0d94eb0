import { createTranslator, type MessageCatalog } from './translate';
import { zhCN } from './zh-CN';
import { en } from './en';

export type Locale = 'zh-CN' | 'en';
export const catalogs: Readonly<Record<Locale, MessageCatalog>> = { 'zh-CN': zhCN, en };

/** Simplified Chinese unless a locale is chosen; missing English keys fall back to Chinese. */
export const translatorFor = (locale: Locale) => createTranslator(catalogs[locale], zhCN);
export const t = translatorFor('zh-CN');
export { formatMessage } from './translate';
export { asSentence } from './sentence';
export { wordMessage, message, type Message, type MessageArg, type Translate } from './message';
