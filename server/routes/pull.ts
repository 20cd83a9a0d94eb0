import { pullQuerySchema, pullResponseSchema } from '../../shared/sync/pull';
import { defineRoute } from '../http/route';
import { pullPage } from '../publications/pull-page';

/**
 * A counter's pull: the publications for its hall and the units above it, after its cursor, in
 * order (server/publications/pull-page.ts). Reading changes nothing, so a pull interrupted anywhere
 * is simply asked again from the last cursor the counter applied.
 */
export const pullRoute = defineRoute({
  method: 'GET',
  url: '/v1/pull',
  summary: '拉取发布内容：本大厅及上级单位发布的事项目录、人员名单等，按序号分页',
  tag: 'sync',
  auth: 'device',
  query: pullQuerySchema,
  response: pullResponseSchema,
  handler: async ({ query, device }, { central, now }) => {
    const page = await pullPage(central.db, device.hall_id, query.after, query.limit);
    return { ...page, serverTime: now().toISOString() };
  },
});
