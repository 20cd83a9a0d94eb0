import { sql } from 'kysely';
import { z } from 'zod';
import { defineRoute } from '../http/route';

export const healthResponseSchema = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']), serverTime: z.iso.datetime({ offset: true }) }).strict();

/** Up and able to reach its database: what a load balancer polls. */
export const healthRoute = defineRoute({
  method: 'GET',
  url: '/healthz',
  summary: '健康检查：服务与数据库可用',
  tag: 'system',
  auth: 'none',
  response: healthResponseSchema,
  handler: async (_input, { central, now }) => {
    await sql`select 1`.execute(central.db);
    return { status: 'ok' as const, database: central.dialect, serverTime: now().toISOString() };
  },
});
