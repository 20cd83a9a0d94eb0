import defaultCatalogJson from './default-catalog.json' with { type: 'json' };
import { catalogSchema, type Catalog } from './catalog-schema';

/** The catalog that ships with the app, in force until a locality's catalog is imported or synced. */
export const defaultCatalog: Catalog = catalogSchema.parse(defaultCatalogJson);
