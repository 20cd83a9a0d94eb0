import { wordMessage } from '../../shared/i18n/message';
import { MessageError } from '../../shared/i18n/message-error';
import { t } from '../i18n';

/**
 * A refusal, announced to screen readers. On the applicant's screen it is larger and bolder: many
 * applicants are elderly and read it at arm's length.
 */
export const ErrorBanner = ({ message, large = false }: { message: string | null; large?: boolean }) =>
  message ? (
    <div className={large ? 'applicant-error' : 'banner banner--error'} role="alert">
      {message}
    </div>
  ) : null;

/** A done action, announced politely (the page stays where it is). */
export const NoticeBanner = ({ message }: { message: string | null }) =>
  message ? (
    <p className="banner banner--ok" role="status">
      {message}
    </p>
  ) : null;

/** What went wrong, in the UI's language: an error that carries its message as a key is worded again here. */
export const errorMessage = (error: unknown): string => {
  if (error instanceof MessageError) return wordMessage(t, error.text);
  return error instanceof Error ? error.message : String(error);
};
