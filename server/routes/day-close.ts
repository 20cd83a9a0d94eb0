import { dayCloseResponseSchema, DAY_CLOSE_LIMITS, signedDayStatementSchema } from '../../shared/sync/day-close';
import { closeDay } from '../day-close/close-day';
import { defineRoute } from '../http/route';

/**
 * 日结: the counter's signed statement of its day, reconciled against what it pushed
 * (server/day-close/). Answers 200 whether or not the day reconciles: the differences are the answer.
 */
export const dayCloseRoute = defineRoute({
  method: 'POST',
  url: '/v1/day-close',
  summary: '日结：窗口提交经设备签名的当日清单，中心系统逐条核对；核对一致则记为已日结并返回签名回执',
  tag: 'sync',
  auth: 'device',
  body: signedDayStatementSchema,
  bodyLimit: DAY_CLOSE_LIMITS.bodyBytes,
  response: dayCloseResponseSchema,
  handler: async ({ body, device }, context) => closeDay(context, device, body),
});
