import { create } from 'zustand';
import type { Catalog } from '../../shared/catalog/catalog-schema';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { loadActiveCatalog } from '../catalog/catalog-repository';

interface CatalogState {
  catalog: Catalog;
  /** Problems of a stored catalog that could not be used (the default stands in). */
  problems: string[];
  load(): Promise<void>;
  activated(catalog: Catalog): void;
}

/** The catalog in force in this window. */
export const useCatalog = create<CatalogState>((set) => ({
  catalog: defaultCatalog,
  problems: [],
  async load() {
    set(await loadActiveCatalog());
  },
  activated(catalog) {
    set({ catalog, problems: [] });
  },
}));
