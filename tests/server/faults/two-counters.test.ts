import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFault, type ConnectionFault } from '../../harness/fault-proxy';
import { roundPlan, startFaultRig, type FaultRig } from '../fixtures/fault-rig';

/**
 * Two counters of one hall syncing at the same moment with the real central process, through one
 * proxy that breaks about half of all requests at random (whichever counter sent them), and twice
 * SIGKILLs the server while a push is in flight. The server numbers every line of both in one
 * sequence; after recovery it must hold each counter's ledger exactly, that sequence without a gap
 * or a number used twice, and every receipt of either counter must match it.
 * Replay a failure with the FAULT_SEED its message names.
 */
const ROUNDS = 20;
const KILLS = 2;

describe('two counters syncing at once through faults', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig({ title: 'two counters', counters: 2 });
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it(`${ROUNDS} rounds of both at once, ${KILLS} killing the server, then each holds exactly its own lines`, async () => {
    const killRounds = new Set<number>();
    while (killRounds.size < KILLS) killRounds.add(Math.floor(rig.random() * ROUNDS));
    let kills = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const killing = killRounds.has(round) ? rig.killingFault() : null;
      for (const counter of rig.counters) await counter.seal((killing ? 1 : 0) + Math.floor(rig.random() * 2));
      const fault: ConnectionFault = killing?.fault ?? rig.randomFault();
      rig.proxy.setPlan(roundPlan(rig.random, fault, { others: 0.4 }));
      const label = `round ${round} (${describeFault(fault)})`;
      await Promise.all(rig.counters.map((counter) => counter.sync()));
      if (await killing?.recover()) kills += 1;
      for (const counter of rig.counters) expect(await rig.invariantBroken(counter), rig.where(`${label}, ${counter.counterId}`)).toBeNull();
    }
    await rig.assertConverged();
    const [a, b] = rig.counters;
    // Each device's lines are its own: nothing of one counter was taken for the other's.
    const held = [await rig.serverLedger(a!.deviceId), await rig.serverLedger(b!.deviceId)];
    expect(held.map((lines) => lines.length)).toEqual([a!.cases * 2, b!.cases * 2]);
    expect(held[0]!.some((line) => held[1]!.includes(line))).toBe(false);
    expect(kills, rig.where('kills')).toBeGreaterThanOrEqual(1);
  }, 90_000);
});
