import { describe, expect, it } from 'vitest';
import { createSessionService } from '../../electron/services/session';
import type { ClerkAccount } from '../../shared/contract/host-contract';
import { zhText } from './fixtures/host-text';

const CLERK: ClerkAccount = { clerkId: 'A001', name: '王窗口', role: 'clerk' };
const MINUTE = 60_000;

const service = (idleMinutes = 5) => {
  let clock = Date.UTC(2026, 11, 2, 1, 0, 0);
  let idle = idleMinutes;
  const sessions = createSessionService({ idleLockMs: async () => idle * MINUTE, now: () => new Date(clock) });
  return { sessions, advance: (ms: number) => void (clock += ms), setIdle: (minutes: number) => void (idle = minutes) };
};
const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error!.code);

describe('the device session', () => {
  it('is none until a sign-in, and none again after sign-out', async () => {
    const { sessions } = service();
    expect(await sessions.info()).toBeNull();
    const none = await sessions.require();
    expect(none).toEqual({ ok: false, error: { code: 'NO_SESSION', key: 'host.session.none' } });
    expect(!none.ok && zhText(none.error)).toBe('尚未登录或已退出登录，请先登录。');
    const opened = await sessions.open(CLERK);
    expect(opened).toEqual({ account: CLERK, since: '2026-12-02T01:00:00.000Z', lastActivity: '2026-12-02T01:00:00.000Z', locked: false, idleLockMinutes: 5 });
    expect(code(await sessions.require())).toBe('OK');
    expect(sessions.close()).toBe(true);
    expect(code(await sessions.require())).toBe('NO_SESSION');
    expect(sessions.close()).toBe(false);
  });

  it('locks after the idle minutes, not a moment before, and keeps who was signed in', async () => {
    const { sessions, advance } = service();
    await sessions.open(CLERK);
    advance(5 * MINUTE - 1);
    expect(code(await sessions.require())).toBe('OK');
    advance(1);
    const locked = await sessions.require();
    expect(locked).toEqual({ ok: false, error: { code: 'SESSION_LOCKED', key: 'host.session.locked' } });
    expect(await sessions.info()).toMatchObject({ account: CLERK, locked: true });
    // Activity after the lock does not unlock it: only the PIN does (unlockSession checks it first).
    expect(code(await sessions.touch())).toBe('SESSION_LOCKED');
    expect(code(await sessions.unlock())).toBe('OK');
    expect(code(await sessions.require())).toBe('OK');
  });

  it('is kept open by activity (touch), not by time passing', async () => {
    const { sessions, advance } = service();
    await sessions.open(CLERK);
    for (let i = 0; i < 10; i += 1) {
      advance(4 * MINUTE);
      expect(code(await sessions.touch())).toBe('OK');
    }
    expect(code(await sessions.require())).toBe('OK');
    advance(5 * MINUTE);
    expect(code(await sessions.require())).toBe('SESSION_LOCKED');
  });

  it("follows the administrator's idle minutes", async () => {
    const { sessions, advance, setIdle } = service();
    await sessions.open(CLERK);
    setIdle(1);
    advance(MINUTE);
    expect(code(await sessions.require())).toBe('SESSION_LOCKED');
    // A lock once taken stays, whatever the setting does next.
    setIdle(30);
    expect(code(await sessions.require())).toBe('SESSION_LOCKED');
  });

  it('locks at once when asked (the renderer idle timer), and a new sign-in replaces the session', async () => {
    const { sessions } = service();
    await sessions.open(CLERK);
    expect(sessions.lock()).toBe(true);
    expect(code(await sessions.require())).toBe('SESSION_LOCKED');
    await sessions.open({ clerkId: 'M001', name: '赵管理', role: 'administrator' });
    expect((await sessions.info())?.account.clerkId).toBe('M001');
    expect(code(await sessions.require())).toBe('OK');
  });

  it('require(role) lets through only the roles named', async () => {
    const { sessions } = service();
    await sessions.open(CLERK);
    const adminOnly = await sessions.require('administrator');
    expect(adminOnly).toEqual({ ok: false, error: { code: 'ROLE_REFUSED', key: 'host.session.administrator_only' } });
    expect(!adminOnly.ok && zhText(adminOnly.error)).toBe('只有设备管理员可以进行此操作。');
    const supervisor = await sessions.require('supervisor', 'administrator');
    expect(!supervisor.ok && zhText(supervisor.error)).toBe('只有负责人或设备管理员可以进行此操作。');
    expect(code(await sessions.require('clerk', 'supervisor'))).toBe('OK');
    await sessions.open({ clerkId: 'S001', name: '李负责', role: 'supervisor' });
    expect(code(await sessions.require('supervisor', 'administrator'))).toBe('OK');
    expect(code(await sessions.require('administrator'))).toBe('ROLE_REFUSED');
  });
});
