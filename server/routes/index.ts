import type { AnyRoute } from '../http/route';
import { dayCloseRoute } from './day-close';
import { deviceStatusRoute, escrowDepositRoute } from './device';
import { enrollRoute } from './enroll';
import { healthRoute } from './health';
import { pushRoute } from './push';
import { pullRoute } from './pull';

/** Every route of the central system; the OpenAPI document is generated from this list. */
export const centralRoutes: readonly AnyRoute[] = [healthRoute, pullRoute, dayCloseRoute, enrollRoute, deviceStatusRoute, escrowDepositRoute, pushRoute];
