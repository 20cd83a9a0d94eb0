import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkEvidenceItems, type EvidenceItem, type ItemResult, type TrustedKey } from '../electron/services/evidence/check-evidence';

/**
 * Splits the signature checks across worker threads, one per core: SM2 in JavaScript takes about
 * 0.6 ms a signature here even with the key precomputed, and an archive of 10,000 letters has
 * 30,000 signatures. Small jobs run in this thread (a worker costs more to start than they take).
 */
const SMALL = 200;

export const checkInParallel = async (
  root: string,
  items: readonly EvidenceItem[],
  keys: readonly TrustedKey[],
  workers = availableParallelism(),
): Promise<ItemResult[]> => {
  if (workers <= 1 || items.length < SMALL) return checkEvidenceItems(root, items, keys);
  // Interleaved, so each worker gets as many of the slow (record and ledger) items as the others.
  const shares: EvidenceItem[][] = Array.from({ length: workers }, () => []);
  items.forEach((item, index) => shares[index % workers]!.push(item));
  const parts = await Promise.all(
    shares.map(
      (share) =>
        new Promise<ItemResult[]>((resolve, reject) => {
          // The worker is TypeScript like this file: verify-worker.mjs registers tsx's loader first.
          const worker = new Worker(new URL('./verify-worker.mjs', import.meta.url), { workerData: { root, items: share, keys } });
          worker.once('message', (message: { results?: ItemResult[]; error?: string }) => {
            void worker.terminate();
            if (message.results) resolve(message.results);
            else reject(new Error(message.error ?? 'verify worker failed'));
          });
          worker.once('error', reject);
        }),
    ),
  );
  return parts.flat();
};
