import { asSentence, translatorFor, type Locale } from '../shared/i18n';

/** The clerk's display language: Simplified Chinese unless English was chosen on this device. */
const storedLocale = (): Locale => (localStorage.getItem('locale') === 'en' ? 'en' : 'zh-CN');

export const locale: Locale = storedLocale();

export const t = translatorFor(locale);

/** A reason as a whole sentence of the UI's language, to put into another one. */
export const sentence = (text: string): string => asSentence(text, t('text.sentence_stop'));
