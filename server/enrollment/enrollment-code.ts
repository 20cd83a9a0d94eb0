import { createHash, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { counterIdField } from '../../shared/sync/wire-fields';
import type { CentralDatabase } from '../db/schema';

/**
 * One-time enrollment codes: 16 characters of an alphabet without I, O, 0 and 1 (nothing to misread
 * from a screen or paper), 80 bits. The database keeps only the code's SHA-256, so a copy of it
 * enrolls nobody.
 */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const newEnrollmentCode = (): string =>
  Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join('-');

export const enrollmentCodeHash = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

export const DEFAULT_CODE_HOURS = 24;
export const MAX_CODE_HOURS = 24 * 30;

export interface CreatedCode {
  code: string;
  hallId: string;
  counterId: string;
  expiresAt: string;
}

/** Makes a code for one counter of one hall; refused (in Chinese) when the hall or counter does not fit. */
export const createEnrollmentCode = async (
  db: Kysely<CentralDatabase>,
  input: { hallId: string; counterId: string; hours?: number; now: Date },
): Promise<CreatedCode> => {
  const hours = input.hours ?? DEFAULT_CODE_HOURS;
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_CODE_HOURS) throw new Error(`有效期应为 0–${MAX_CODE_HOURS} 小时，收到 ${hours}`);
  if (!counterIdField.safeParse(input.counterId).success) throw new Error(`窗口编号应为 1–8 位大写字母或数字，收到 ${input.counterId}`);
  const hall = await db.selectFrom('org_units').select(['id', 'level', 'name']).where('id', '=', input.hallId).executeTakeFirst();
  if (!hall) throw new Error(`没有机构 ${input.hallId}：先用 npm run server -- org import 导入组织机构`);
  if (hall.level !== 'hall') throw new Error(`${input.hallId}（${hall.name}）不是服务大厅，窗口只能登记在服务大厅下`);
  const live = await db
    .selectFrom('devices')
    .select('device_id')
    .where('hall_id', '=', input.hallId)
    .where('counter_id', '=', input.counterId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (live) throw new Error(`${hall.name} 的窗口 ${input.counterId} 已有在用设备 ${live.device_id}；更换设备请先吊销它（npm run server -- revoke --device ${live.device_id} --reason …）`);
  const code = newEnrollmentCode();
  const expiresAt = new Date(input.now.getTime() + hours * 3_600_000).toISOString();
  await db
    .insertInto('enrollment_codes')
    .values({ code_hash: enrollmentCodeHash(code), hall_id: input.hallId, counter_id: input.counterId, created_at: input.now.toISOString(), expires_at: expiresAt, used_at: null, used_by_device: null })
    .execute();
  return { code, hallId: input.hallId, counterId: input.counterId, expiresAt };
};
