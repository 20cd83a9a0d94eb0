import { useEffect } from 'react';

/**
 * Counter shortcuts on the window: the clerk keeps both hands on the keyboard. Keys are
 * KeyboardEvent.key names, with a `Ctrl+` prefix where needed (e.g. `F2`, `Ctrl+Enter`, `Escape`).
 */
export const useHotkeys = (bindings: Readonly<Record<string, () => void>>, enabled = true): void => {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      const name = `${event.ctrlKey || event.metaKey ? 'Ctrl+' : ''}${event.key}`;
      const action = bindings[name];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bindings, enabled]);
};
