import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostHandlers } from '../../electron/services/host-handlers';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { hostInputSchemas, hostMethods, type HostHandlers } from '../../shared/contract/host-contract';
import type { Result } from '../../shared/contract/result';
import { hostMessages } from '../../shared/i18n/zh-CN/host';
import { snapshotFolder } from './fixtures/folder-snapshot';
import { zhText } from './fixtures/host-text';
import { declaredKeys, malformedArgument } from './fixtures/malformed-arguments';

/**
 * Every method of the host contract, fed a few hundred malformed arguments each (tests/unit/fixtures/
 * malformed-arguments.ts) through `dispatchHostCall` against the real handlers in temporary folders:
 * each is refused with INVALID_ARGUMENT as a code and a message key — no stack, nothing of the argument
 * but the names of the schema's own fields — no handler runs, nothing is written to the data or the
 * archive folder, no promise is left rejected and Object.prototype stays as it was. The methods come
 * from the contract itself, so a method added later is fuzzed without anyone adding it here. The seed
 * is fixed so CI repeats the same runs; FUZZ_SEED and FUZZ_RUNS explore further by hand.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const FAST_SCRYPT = { N: 1024, r: 8, p: 1, keylen: 32 };

let root: string;
let handlers: HostHandlers;
/** Methods whose handler was reached: none may be, every argument is refused before. */
const reached: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'host-fuzz-'));
  const real = createHostHandlers({
    dataDir: path.join(root, 'data'),
    archiveDir: path.join(root, 'archive'),
    appVersion: '0.0.0-fuzz',
    applicantScreen: { open: async () => 'handover', close: async () => true },
    print: {
      print: async () => ({ status: 'queued', jobId: 'FUZZ-1', printer: null }),
      jobStatus: async () => ({ status: 'done' }),
      listPrinters: async () => ({ ok: true, value: [] }),
    },
    scryptParams: FAST_SCRYPT,
  });
  // The device is set up first, so the data folder holds what a real one does before the fuzz.
  const setUp = await dispatchHostCall(real, 'configureDevice', { counterId: 'C01', agencyName: '某市人力资源和社会保障局' });
  expect(setUp.ok).toBe(true);
  handlers = Object.fromEntries(
    hostMethods.map((method) => [
      method,
      (arg: unknown) => {
        reached.push(method);
        return (real[method] as (arg: unknown) => Promise<Result<unknown>>)(arg);
      },
    ]),
  ) as unknown as HostHandlers;
  process.on('unhandledRejection', onUnhandled);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await rm(root, { recursive: true, force: true });
});

/** The refusal: a code, a key of the host catalog, and as parameters only the paths of the schema's fields. */
const expectCleanRefusal = (result: Result<unknown>, allowedKeys: Set<string>): void => {
  if (result.ok) throw new Error('accepted a malformed argument');
  const { error } = result;
  expect(error.code).toBe('INVALID_ARGUMENT');
  expect(error.key).toBe('host.error.invalid_argument');
  expect(Object.keys(error).sort()).toEqual(['code', 'key', 'params']);
  expect(error.key in hostMessages).toBe(true);
  const params = error.params as { fields: unknown };
  expect(Object.keys(params)).toEqual(['fields']);
  expect(Array.isArray(params.fields)).toBe(true);
  for (const field of params.fields as unknown[]) {
    expect(typeof field).toBe('string');
    for (const segment of (field as string).split('.')) {
      if (!/^\d+$/.test(segment) && !allowedKeys.has(segment)) throw new Error(`the refusal names "${segment.slice(0, 40)}", not a field of the schema`);
    }
  }
  const serialized = JSON.stringify(error);
  expect(serialized).not.toMatch(/\n\s+at |stack|Error:/);
  expect(serialized.length).toBeLessThan(4_000);
  // Worded as the clerk reads it: a whole sentence, no placeholder left.
  expect(zhText(error)).not.toMatch(/[{}]/);
};

describe('the host contract under malformed arguments', () => {
  it('fuzzes exactly the methods the contract declares', () => {
    expect(Object.keys(hostInputSchemas).sort()).toEqual([...hostMethods].sort());
    expect(hostMethods.length).toBeGreaterThan(0);
  });

  hostMethods.forEach((method, index) => {
    it(`${method} refuses every malformed argument, clearly, without running or writing anything`, async () => {
      const schema = hostInputSchemas[method];
      const allowedKeys = declaredKeys(schema);
      const before = await snapshotFolder(root);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(malformedArgument(schema), async (argument) => {
          // Only what the schema refuses is malformed; the rare generated argument it accepts is skipped.
          fc.pre(!schema.safeParse(argument ?? {}).success);
          expectCleanRefusal(await dispatchHostCall(handlers, method, argument), allowedKeys);
          refused += 1;
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
      // Nearly every generated argument was malformed: the fuzz tested what it claims to.
      expect(refused).toBeGreaterThan(RUNS * 0.9);
      expect(reached).toEqual([]);
      expect(await snapshotFolder(root)).toEqual(before);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      await new Promise((settle) => setImmediate(settle));
      expect(unhandled).toEqual([]);
    });
  });
});
