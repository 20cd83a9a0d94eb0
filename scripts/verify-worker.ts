/** One worker of `npm run verify`: checks its share of the signatures and hands the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkEvidenceItems, type EvidenceItem, type TrustedKey } from '../electron/services/evidence/check-evidence';

const { root, items, keys } = workerData as { root: string; items: EvidenceItem[]; keys: TrustedKey[] };
checkEvidenceItems(root, items, keys).then(
  (results) => parentPort?.postMessage({ results }),
  (error: unknown) => parentPort?.postMessage({ error: String(error) }),
);
