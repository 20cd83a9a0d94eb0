/**
 * Template texts hold named fields like `{applicantName}`. A field without a value is an error,
 * never an empty gap on a legal document.
 */
export const fillTemplate = (text: string, fields: Readonly<Record<string, string>>): string =>
  text.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = fields[name];
    if (value === undefined) throw new Error(`letter template field without value: ${name}`);
    return value;
  });
