import { create } from 'zustand';
import type { Catalog } from '../../shared/catalog/catalog-schema';
import type { StoredCatalogProblem } from '../catalog/catalog-repository';

interface CatalogState {
  /** Null until the first load: the catalog is read after start, outside the sign-in screen's bundle. */
  catalog: Catalog | null;
  /** `<catalogId>@<version>` of the catalog in force, as main names it. */
  key: string | null;
  /** Problems of a stored catalog that could not be used (another stands in). */
  problems: StoredCatalogProblem[];
  /** Why the last load failed (worded), kept so a screen can say it; the next load tries again. */
  loadError: string | null;
  /** Asks main for the catalog in force (again after an import: main's checked copy, not the page's). */
  load(): Promise<void>;
}

/** The catalog in force in this window, as main keeps it. */
export const useCatalog = create<CatalogState>((set) => ({
  catalog: null,
  key: null,
  problems: [],
  loadError: null,
  async load() {
    try {
      const { loadActiveCatalog } = await import('../catalog/catalog-repository');
      const { catalog, key, problems } = await loadActiveCatalog();
      set({ catalog, key, problems, loadError: null });
    } catch (error) {
      // A refused or failed call leaves the catalog read before (if any) in place.
      set({ loadError: error instanceof Error ? error.message : String(error) });
    }
  },
}));

/**
 * The catalog for screens that ClerkApp shows only once it is loaded; reaching one earlier is a bug
 * in the app's gating, not a state to render.
 */
export const useLoadedCatalog = (): Catalog => {
  const catalog = useCatalog((state) => state.catalog);
  if (!catalog) throw new Error('catalog read before it was loaded');
  return catalog;
};
