import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SuiteName } from '../../electron/services/crypto/suite';
import { createSampleRenderer } from '../../scripts/letter';
import { verifyFolder } from '../../scripts/verify';
import { result, type BenchResult } from './bench-result';
import { letterInputFor, sealSample } from './sealed-sample';
import { writeSignedArchive } from './signed-archive-sample';

const RECORDS = Number(process.env.BENCH_VERIFY_RECORDS ?? 10_000);

/**
 * `npm run verify` over a signed archive of 10,000 records with letters, in each suite: the wall
 * time of the whole check (files against the ledger, chains, every signature on all cores).
 */
export const verifyBench = async (suite: SuiteName): Promise<BenchResult[]> => {
  const dir = await mkdtemp(join(tmpdir(), `counter-bench-verify-${suite}-`));
  try {
    const letter = createSampleRenderer().render(letterInputFor(await sealSample(0)));
    console.log(`  writing a signed archive of ${RECORDS} records with letters (${suite}, ${(letter.length / 1024).toFixed(0)} KB each)…`);
    await writeSignedArchive(join(dir, 'archive'), join(dir, 'data'), suite, RECORDS, Buffer.from(letter));
    const start = performance.now();
    const verified = await verifyFolder(join(dir, 'archive'), [], undefined);
    const seconds = (performance.now() - start) / 1000;
    if (!verified.sound) throw new Error(`the sample archive did not verify:\n${verified.text.split('\n').slice(0, 12).join('\n')}`);
    const name = RECORDS === 10_000 ? `verify_archive_10k${suite === 'gm' ? '_gm' : ''}_s` : `verify_archive_${RECORDS}${suite === 'gm' ? '_gm' : ''}_s`;
    return [result(name, seconds, 's', 30)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
