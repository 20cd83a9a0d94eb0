import { useEffect } from 'react';
import { create } from 'zustand';
import type { SyncStatus } from '../../shared/contract/host-contract';
import { callHost, HostCallError, hostText } from '../host';

/**
 * The renderer's view of main's sync loop, learnt by polling `syncStatus` (the domain file,
 * shared/contract/domains/sync.ts, says why polling): every 2 s while a round runs or 立即同步 waits,
 * every 15 s otherwise. One store for the status line and the 中心同步 page; the line, always on the
 * clerk's screens, runs the poll.
 */
export const POLL_BUSY_MS = 2_000;
export const POLL_IDLE_MS = 15_000;

interface SyncStore {
  status: SyncStatus | null;
  /** 立即同步 asked and not yet answered. */
  requested: boolean;
  /** A refusal of 立即同步 itself (not a failed round: that is in the status). */
  error: string | null;
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
}

export const useSyncStore = create<SyncStore>((set, get) => ({
  status: null,
  requested: false,
  error: null,
  async refresh() {
    try {
      set({ status: await callHost('syncStatus', {}) });
    } catch {
      // Signed out or locked: the line goes with the screen; the next poll tries again.
    }
  },
  async syncNow() {
    if (get().requested) return;
    set({ requested: true, error: null });
    // The poll at 2 s shows the round's progress meanwhile.
    void get().refresh();
    try {
      set({ status: await callHost('syncNow', {}) });
    } catch (error) {
      set({ error: error instanceof HostCallError ? hostText(error.hostError) : String(error) });
    } finally {
      set({ requested: false });
    }
  },
}));

/** Polls while mounted: fast while a round runs, slowly otherwise. */
export const useSyncPolling = (): void => {
  useEffect(() => {
    let timer: number | undefined;
    let stopped = false;
    const tick = async () => {
      await useSyncStore.getState().refresh();
      if (stopped) return;
      const { status, requested } = useSyncStore.getState();
      timer = window.setTimeout(() => void tick(), status?.progress || requested ? POLL_BUSY_MS : POLL_IDLE_MS);
    };
    void tick();
    // 立即同步 pressed: poll at the fast pace from now, not after the slow wait.
    const unsubscribe = useSyncStore.subscribe((state, previous) => {
      if (state.requested && !previous.requested) {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => void tick(), POLL_BUSY_MS);
      }
    });
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, []);
};
