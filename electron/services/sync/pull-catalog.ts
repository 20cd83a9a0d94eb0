import type { AuditLog } from '../audit-log';
import type { CatalogStore } from '../catalog-store';
import type { ApplyOutcome } from './pull-outcome';

/**
 * A catalog version from the central system goes through main's own import (catalog-store.ts): the
 * same checks, the same write-once file, the same version rule as an administrator's import — it is
 * in force once it is newer than every version of that catalog this device holds, refused otherwise
 * — and it is recorded as the central system's, with its publication's number. `catalog.activate`
 * says so in the audit log (detail `central`, no actor); a pull resumed after a crash writes that
 * line only if it is not there yet.
 */
export const applyCatalog = async (
  deps: { catalogs: Pick<CatalogStore, 'import'>; audit: Pick<AuditLog, 'recordAs' | 'entries'> },
  seq: number,
  catalog: unknown,
): Promise<ApplyOutcome> => {
  const imported = await deps.catalogs.import(catalog, { source: 'central', publication: seq });
  if (!imported.ok) return { status: 'refused', error: imported.error };
  const { key, already } = imported.value;
  const audited = async () => (await deps.audit.entries()).some((entry) => entry.action === 'catalog.activate' && entry.subject === key);
  if (!already || !(await audited())) await deps.audit.recordAs(null, 'catalog.activate', key, 'central');
  return { status: 'applied', kind: 'catalog', catalogKey: key };
};
