import { create } from 'zustand';
import type { ClerkAccount, SetupState } from '../../shared/contract/host-contract';
import type { CounterContext } from '../../shared/domain/case-draft';
import { callHost } from '../host';

export type SessionPhase = 'loading' | 'setup-device' | 'setup-clerk' | 'sign-in' | 'ready' | 'failed';

/** What the clerk's window is showing; a reload keeps the signed-in clerk and the open case. */
export type ClerkView =
  | { screen: 'today' }
  | { screen: 'case'; draftId: string }
  | { screen: 'done'; caseNumber: string }
  | { screen: 'catalog' }
  | { screen: 'printer' }
  | { screen: 'archive' };

interface SessionState {
  phase: SessionPhase;
  setup: SetupState | null;
  clerk: ClerkAccount | null;
  view: ClerkView;
  loadError: string | null;
  load(): Promise<void>;
  signedIn(clerk: ClerkAccount): void;
  signOut(): void;
  show(view: ClerkView): void;
}

const SESSION_KEY = 'counter-session';

interface StoredSession {
  clerk: ClerkAccount;
  view: ClerkView;
}

const readStoredSession = (): StoredSession | null => {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
};

const storeSession = (session: StoredSession | null): void => {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
};

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  setup: null,
  clerk: null,
  view: { screen: 'today' },
  loadError: null,

  async load() {
    try {
      const setup = await callHost('getSetup', {});
      const stored = readStoredSession();
      const phase: SessionPhase = !setup.device
        ? 'setup-device'
        : setup.clerkCount === 0
          ? 'setup-clerk'
          : stored
            ? 'ready'
            : 'sign-in';
      set({ setup, phase, clerk: phase === 'ready' ? stored!.clerk : null, view: stored?.view ?? { screen: 'today' } });
    } catch (error) {
      set({ phase: 'failed', loadError: error instanceof Error ? error.message : String(error) });
    }
  },

  signedIn(clerk) {
    storeSession({ clerk, view: { screen: 'today' } });
    set({ clerk, phase: 'ready', view: { screen: 'today' } });
  },

  signOut() {
    storeSession(null);
    set({ clerk: null, phase: 'sign-in', view: { screen: 'today' } });
  },

  show(view) {
    const { clerk } = get();
    if (clerk) storeSession({ clerk, view });
    set({ view });
  },
}));

export const counterContext = (setup: SetupState | null): CounterContext | null =>
  setup?.device
    ? { deviceId: setup.device.deviceId, counterId: setup.device.counterId, agencyName: setup.device.agencyName }
    : null;
