export const ErrorBanner = ({ message }: { message: string | null }) =>
  message ? (
    <div className="banner banner--error" role="alert">
      {message}
    </div>
  ) : null;

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
