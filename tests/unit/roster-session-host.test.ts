import { expect, it } from 'vitest';
import { publishRoster } from '../../server/publications/publish-roster';
import type { SessionInfo } from '../../shared/contract/host-contract';
import type { Result } from '../../shared/contract/result';
import { TEST_HALL } from '../server/fixtures/enrolled-counter';
import { published, rosterOf } from '../server/fixtures/pull-fixtures';
import { zhText } from './fixtures/host-text';
import { ADMIN, CLERK, enrollWith, SUPERVISOR, syncPairPerTest } from './fixtures/sync-counter';
import { value } from './fixtures/test-host';
import { shanghaiDate } from '../../shared/domain/case-number';

/**
 * Through the whole host (host-access.ts in front, the sync round's pull behind): a supervisor who
 * presses 立即同步 while the central roster makes them a clerk is signed out by that very round, and
 * signed in again, main refuses them the supervisor's methods.
 */
const pair = syncPairPerTest();

const codeOf = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.code);

it('a roster pulled by 立即同步 demotes the signed-in supervisor: the session ends, and the supervisor\'s methods stay refused', async () => {
  const { central, counter } = pair;
  await enrollWith(central, counter);
  await published(
    publishRoster(central.central.context, {
      roster: rosterOf([ADMIN.clerkId, 'administrator'], [CLERK.clerkId, 'clerk'], [SUPERVISOR.clerkId, 'clerk']),
      scope: TEST_HALL,
    }),
  );
  const today = shanghaiDate(new Date());
  await counter.signInAs(SUPERVISOR);
  expect(codeOf(await counter.call('dayCloseStatus', { date: today }))).toBe('OK');

  value(await counter.call('syncNow'));
  expect(value(await counter.call<SessionInfo | null>('getSession'))).toBeNull();
  const refused = await counter.call('dayCloseStatus', { date: today });
  expect(codeOf(refused)).toBe('SESSION_ENDED');
  expect(refused.ok ? '' : zhText(refused.error)).toContain('已由中心系统改为“窗口人员”');

  await counter.signInAs(SUPERVISOR);
  expect(value(await counter.call<SessionInfo>('getSession')).account.role).toBe('clerk');
  expect(codeOf(await counter.call('dayCloseStatus', { date: today }))).toBe('ROLE_REFUSED');
  expect(codeOf(await counter.call('syncProblems'))).toBe('ROLE_REFUSED');
});
