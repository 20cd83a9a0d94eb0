import { create } from 'zustand';
import type { Catalog } from '../../shared/catalog/catalog-schema';
import type { StoredCatalogProblem } from '../catalog/catalog-repository';

interface CatalogState {
  /** Null until the first load: the catalog is read after start, outside the sign-in screen's bundle. */
  catalog: Catalog | null;
  /** Problems of a stored catalog that could not be used (the default stands in). */
  problems: StoredCatalogProblem[];
  load(): Promise<void>;
  activated(catalog: Catalog): void;
}

/** The catalog in force in this window. */
export const useCatalog = create<CatalogState>((set) => ({
  catalog: null,
  problems: [],
  async load() {
    const { loadActiveCatalog } = await import('../catalog/catalog-repository');
    set(await loadActiveCatalog());
  },
  activated(catalog) {
    set({ catalog, problems: [] });
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
