import { translatorFor, type Locale } from '../shared/i18n';

/** The clerk's display language: Simplified Chinese unless English was chosen on this device. */
const storedLocale = (): Locale => (localStorage.getItem('locale') === 'en' ? 'en' : 'zh-CN');

export const t = translatorFor(storedLocale());
