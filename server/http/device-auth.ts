import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { DeviceTable } from '../db/schema';
import type { ServerContext } from '../server-context';
import { HttpProblem } from './problem';

export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The enrolled device behind a request's bearer token; refused when unknown or revoked. */
export const authenticateDevice = async (request: FastifyRequest, context: ServerContext): Promise<DeviceTable> => {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{32,200})$/.exec(header);
  if (!match?.[1]) throw new HttpProblem(401, 'UNAUTHENTICATED', '缺少设备令牌（Authorization: Bearer …）或格式不对');
  const device = await context.central.db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash(match[1])).executeTakeFirst();
  if (!device) throw new HttpProblem(401, 'UNAUTHENTICATED', '设备令牌无效：该设备未在中心系统登记');
  if (device.revoked_at) throw new HttpProblem(403, 'DEVICE_REVOKED', `该设备已于 ${device.revoked_at} 被吊销${device.revoked_reason ? `（${device.revoked_reason}）` : ''}，不再受理其请求`);
  return device;
};
