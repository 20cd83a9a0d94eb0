export const textMessages = {
  'text.list_separator': ', ',
  'text.sentence_stop': '.',
  'text.clause_separator': ', ',
} as const;
