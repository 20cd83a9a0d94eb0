import { create } from 'zustand';
import type { ClerkAccount, Role, SessionInfo, SetupState } from '../../shared/contract/host-contract';
import type { CounterContext } from '../../shared/domain/case-draft';
import { callHost, onSessionRefused } from '../host';

export type SessionPhase = 'loading' | 'setup-device' | 'setup-admin' | 'sign-in' | 'locked' | 'ready' | 'failed';

/** What the clerk's window is showing; a reload keeps the open case (the session itself is main's). */
export type ClerkView =
  | { screen: 'today' }
  | { screen: 'case'; draftId: string }
  | { screen: 'done'; caseNumber: string }
  | { screen: 'catalog' }
  | { screen: 'printer' }
  | { screen: 'archive' }
  | { screen: 'day-close' }
  | { screen: 'accounts' }
  | { screen: 'sync' };

/**
 * The renderer's mirror of main's session: main says who is signed in, with which role, and whether
 * the screen is locked (getSession, and every refusal for want of a session); nothing here is trusted
 * by main. Only the view is kept in sessionStorage, so a reload returns to the case in progress.
 */
interface SessionState {
  phase: SessionPhase;
  setup: SetupState | null;
  session: SessionInfo | null;
  /** The signed-in account (main's), `null` when nobody is. */
  clerk: ClerkAccount | null;
  view: ClerkView;
  loadError: string | null;
  load(): Promise<void>;
  signedIn(session: SessionInfo): void;
  signOut(): Promise<void>;
  /** Main locked the session (idle), or the renderer's idle timer asked it to. */
  locked(): void;
  show(view: ClerkView): void;
}

const VIEW_KEY = 'counter-view';

const readStoredView = (): ClerkView | null => {
  try {
    const raw = sessionStorage.getItem(VIEW_KEY);
    return raw ? (JSON.parse(raw) as ClerkView) : null;
  } catch {
    return null;
  }
};

const storeView = (view: ClerkView | null): void => {
  if (view) sessionStorage.setItem(VIEW_KEY, JSON.stringify(view));
  else sessionStorage.removeItem(VIEW_KEY);
};

const phaseOf = (setup: SetupState, session: SessionInfo | null): SessionPhase =>
  !setup.device ? 'setup-device' : setup.clerkCount === 0 ? 'setup-admin' : !session ? 'sign-in' : session.locked ? 'locked' : 'ready';

export const useSession = create<SessionState>((set, get) => ({
  phase: 'loading',
  setup: null,
  session: null,
  clerk: null,
  view: { screen: 'today' },
  loadError: null,

  async load() {
    try {
      const [setup, session] = await Promise.all([callHost('getSetup', {}), callHost('getSession', {})]);
      const phase = phaseOf(setup, session);
      const view = session ? (readStoredView() ?? { screen: 'today' }) : { screen: 'today' as const };
      set({ setup, session, clerk: session?.account ?? null, phase, view });
    } catch (error) {
      set({ phase: 'failed', loadError: error instanceof Error ? error.message : String(error) });
    }
  },

  signedIn(session) {
    // Another account signing in does not inherit the view (or the case) of the last one; nor does
    // the same account under another role (a roster changed it), whose last page may be out of reach.
    const previous = get().clerk;
    const same = previous?.clerkId === session.account.clerkId && previous.role === session.account.role;
    const view = same ? get().view : { screen: 'today' as const };
    storeView(view);
    set({ session, clerk: session.account, phase: 'ready', view });
  },

  async signOut() {
    try {
      await callHost('signOut', {});
    } finally {
      storeView(null);
      set({ session: null, clerk: null, phase: 'sign-in', view: { screen: 'today' } });
    }
  },

  locked() {
    const { session } = get();
    if (session) set({ phase: 'locked', session: { ...session, locked: true } });
  },

  show(view) {
    if (get().clerk) storeView(view);
    set({ view });
  },
}));

// Main is the authority: when it refuses for want of a session, the mirror follows.
onSessionRefused((code) => {
  const state = useSession.getState();
  if (state.phase !== 'ready' && state.phase !== 'locked') return;
  if (code === 'SESSION_LOCKED') state.locked();
  else if (code === 'SESSION_ENDED') {
    // A roster changed the account: back to sign-in at once (the sign-in screen asks main why). The
    // open case stays for the same account, as after a sign-out; no other page is kept.
    const view: ClerkView = state.view.screen === 'case' ? state.view : { screen: 'today' };
    storeView(view);
    useSession.setState({ session: null, phase: 'sign-in', view });
  } else useSession.setState({ session: null, clerk: null, phase: 'sign-in' });
});

/** Whether the signed-in account has one of these roles: the UI mirrors main's rules with it. */
export const hasRole = (clerk: ClerkAccount | null, ...roles: Role[]): boolean => clerk !== null && roles.includes(clerk.role);

export const counterContext = (setup: SetupState | null): CounterContext | null =>
  setup?.device
    ? { deviceId: setup.device.deviceId, counterId: setup.device.counterId, agencyName: setup.device.agencyName }
    : null;
