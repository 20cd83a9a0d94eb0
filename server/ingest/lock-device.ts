import type { Kysely } from 'kysely';
import type { DialectName } from '../db/open-database';
import type { CentralDatabase, DeviceTable } from '../db/schema';
import { HttpProblem } from '../http/problem';

/**
 * The device's row, read again inside the transaction and locked until it ends: on PostgreSQL with
 * FOR UPDATE, so two server processes taking pushes of one device take them one after the other, the
 * second seeing what the first stored; SQLite's one connection already runs transactions one at a time.
 */
export const lockDevice = async (trx: Kysely<CentralDatabase>, dialect: DialectName, deviceId: string): Promise<DeviceTable> => {
  const query = trx.selectFrom('devices').selectAll().where('device_id', '=', deviceId);
  const device = await (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirstOrThrow();
  if (device.revoked_at) throw new HttpProblem(403, 'DEVICE_REVOKED', `该设备已于 ${device.revoked_at} 被吊销，不再受理其请求`);
  return device;
};
