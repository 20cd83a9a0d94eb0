import { PUSH_LIMITS, pushRequestSchema, pushResponseSchema } from '../../shared/sync/push';
import { defineRoute } from '../http/route';
import { ingestPush } from '../ingest/ingest-push';

export const pushRoute = defineRoute({
  method: 'POST',
  url: '/v1/push',
  summary: '上传一批台账行（记录、信函、补打件）及审计日志，取得中心系统签名的回执',
  tag: 'sync',
  auth: 'device',
  body: pushRequestSchema,
  bodyLimit: PUSH_LIMITS.maxBodyBytes,
  response: pushResponseSchema,
  handler: ({ body, device }, context) => ingestPush(device, body, context),
});
