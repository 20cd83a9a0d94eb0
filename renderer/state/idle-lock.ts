import { useEffect } from 'react';
import { callHost } from '../host';
import { useSession } from './session-store';

/** At most one activity report to main per this many ms: enough for a lock measured in minutes. */
const TOUCH_EVERY_MS = 30_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * While signed in, the clerk's input keeps the session alive in main (touchSession), and after the
 * administrator's idle minutes without input the screen locks (lockSession, then the lock screen).
 * Main applies the same limit on its own clock, so a renderer that never reports still gets locked.
 */
export const useIdleLock = (active: boolean, idleMinutes: number): void => {
  useEffect(() => {
    if (!active) return;
    let lastInput = Date.now();
    let lastTouch = Date.now();
    const onInput = () => {
      lastInput = Date.now();
      if (lastInput - lastTouch < TOUCH_EVERY_MS) return;
      lastTouch = lastInput;
      void callHost('touchSession', {}).catch(() => undefined);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onInput, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput < idleMinutes * 60_000) return;
      window.clearInterval(timer);
      void callHost('lockSession', {})
        .catch(() => undefined)
        .finally(() => {
          // Main wrote the idle lock to the audit log when it locked.
          useSession.getState().locked();
        });
    }, 1000);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    };
  }, [active, idleMinutes]);
};
