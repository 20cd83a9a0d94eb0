/**
 * A reason as a whole sentence to put into another one: exactly one closing stop, whether or not the
 * reason brought its own (a spooler's message may; ours do), so a message never ends in 。。. The stop is
 * the reader's language's (`text.sentence_stop`): Chinese unless told.
 */
export const asSentence = (text: string, stop = '。'): string => {
  const trimmed = text.trim().replace(/[。．.]+$/u, '');
  if (trimmed === '') return '';
  return /[！？!?]$/u.test(trimmed) ? trimmed : `${trimmed}${stop}`;
};
