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

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
