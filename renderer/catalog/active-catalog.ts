import defaultCatalog from '../../shared/catalog/default-catalog.json' with { type: 'json' };
import { catalogSchema, type Catalog, type Matter } from '../../shared/catalog/matter-schema';

/** The catalog in force. Until catalogs are imported or synced, the default that ships with the app. */
export const activeCatalog: Catalog = catalogSchema.parse(defaultCatalog);

/** Name or category contains every character typed (in order), so 测绘 and 注册测绘 both match. */
export const searchMatters = (matters: readonly Matter[], query: string): Matter[] => {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...matters];
  return matters.filter((matter) => `${matter.name} ${matter.category} ${matter.id}`.toLowerCase().includes(needle));
};
