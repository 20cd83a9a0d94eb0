/**
 * One message mechanism for every process: catalogs are flat maps from a dotted key to a text with
 * `{name}` placeholders. Simplified Chinese is the reference locale; English must carry the same keys
 * (a unit test compares them).
 */
export type MessageCatalog = Readonly<Record<string, string>>;
export type MessageParams = Readonly<Record<string, string | number>>;

export const formatMessage = (template: string, params: MessageParams = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

export const createTranslator =
  (catalog: MessageCatalog, fallback?: MessageCatalog) =>
  (key: string, params?: MessageParams): string => {
    const template = catalog[key] ?? fallback?.[key];
    return template === undefined ? key : formatMessage(template, params);
  };
