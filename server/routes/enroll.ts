import { enrollRequestSchema, enrollResponseSchema } from '../../shared/sync/enroll';
import { enrollDevice } from '../enrollment/enroll-device';
import { defineRoute } from '../http/route';

export const enrollRoute = defineRoute({
  method: 'POST',
  url: '/v1/enroll',
  summary: '设备登记：凭一次性登记码登记签名公钥，取得设备令牌、中心系统公钥与托管公钥',
  tag: 'device',
  auth: 'none',
  body: enrollRequestSchema,
  response: enrollResponseSchema,
  handler: ({ body }, context) => enrollDevice(body, context),
});
