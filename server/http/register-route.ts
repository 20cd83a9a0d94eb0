import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ServerContext } from '../server-context';
import { authenticateDevice } from './device-auth';
import { HttpProblem } from './problem';
import type { AnyRoute } from './route';

const DEFAULT_BODY_LIMIT = 256 * 1024;

const issuePath = (issues: readonly z.core.$ZodIssue[]): string | undefined => {
  const first = issues[0];
  return first && first.path.length ? first.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : undefined;
};

const parseOrRefuse = <S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const path = issuePath(parsed.error.issues);
  throw new HttpProblem(400, 'BAD_REQUEST', `${where}不符合接口定义${path ? `：${path}` : ''}（${parsed.error.issues[0]?.message ?? ''}）`, path);
};

/** Wires one declared route into Fastify: its limit, its checks, then its handler. */
export const registerRoute = (app: FastifyInstance, route: AnyRoute, context: ServerContext): void => {
  app.route({
    method: route.method,
    url: route.url,
    bodyLimit: route.bodyLimit ?? DEFAULT_BODY_LIMIT,
    handler: async (request, reply) => {
      const device = route.auth === 'device' ? await authenticateDevice(request, context) : (undefined as never);
      const body = route.body ? parseOrRefuse(route.body, request.body, '请求正文') : undefined;
      const query = route.query ? parseOrRefuse(route.query, request.query, '查询参数') : undefined;
      const result = await route.handler({ body, query, params: request.params as Record<string, string>, device, request, reply }, context);
      return reply.header('cache-control', 'no-store').send(result);
    },
  });
};
