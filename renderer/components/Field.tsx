import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  error?: string | null;
  hint?: string;
  children: ReactNode;
}

/** A labelled form control whose error is announced and tied to the control for screen readers. */
export const Field = ({ id, label, error, hint, children }: FieldProps) => (
  <div className={`field${error ? ' field--error' : ''}`}>
    <label htmlFor={id}>{label}</label>
    {children}
    {hint && !error ? <div className="field__hint">{hint}</div> : null}
    {error ? (
      <div className="field__error" id={`${id}-error`} role="alert">
        {error}
      </div>
    ) : null}
  </div>
);
