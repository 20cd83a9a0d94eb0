import { wordArg, wordMessage, type Translate } from '../i18n/message';
import type { CatalogProblem, UnverifiedCitation } from './check-catalog';
import { checkMessage } from './check-messages';

/** A catalog problem in the words of `translate`'s language: where it is and what is wrong. */
export const problemText = (translate: Translate, problem: CatalogProblem): { path: string; message: string } => ({
  path: String(wordArg(translate, problem.path)),
  message: wordMessage(translate, problem.message),
});

/** Where an unverified citation is and what it is called, in the words of `translate`'s language. */
export const citationFollowUpText = (translate: Translate, citation: UnverifiedCitation): { path: string; title: string } => ({
  path: String(wordArg(translate, citation.path)),
  title: citation.title ?? wordMessage(translate, checkMessage('catalog_check.untitled')),
});
