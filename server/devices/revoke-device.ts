import type { Kysely } from 'kysely';
import type { CentralDatabase } from '../db/schema';

/**
 * Revokes a device: from then on every call with its token is refused (403 DEVICE_REVOKED), and its
 * counter is free for a replacement. What it pushed stays, as evidence does.
 */
export const revokeDevice = async (db: Kysely<CentralDatabase>, input: { deviceId: string; reason: string; now: Date }): Promise<void> => {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 200) throw new Error('吊销原因应为 1–200 字');
  const device = await db.selectFrom('devices').select(['device_id', 'revoked_at']).where('device_id', '=', input.deviceId).executeTakeFirst();
  if (!device) throw new Error(`没有设备 ${input.deviceId}（npm run server -- devices 列出全部设备）`);
  if (device.revoked_at) throw new Error(`设备 ${input.deviceId} 已于 ${device.revoked_at} 吊销`);
  await db.updateTable('devices').set({ revoked_at: input.now.toISOString(), revoked_reason: reason }).where('device_id', '=', input.deviceId).where('revoked_at', 'is', null).execute();
};
