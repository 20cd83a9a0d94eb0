export const textMessages = {
  'text.list_separator': ', ',
  'text.sentence_stop': '.',
  'text.clause_separator': ', ',
  'text.colon': ': ',
  'text.item_separator': '; ',
} as const;
