import type { AnyRoute } from '../http/route';
import { healthRoute } from './health';

/** Every route of the central system; the OpenAPI document is generated from this list. */
export const centralRoutes: readonly AnyRoute[] = [healthRoute];
