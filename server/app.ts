import Fastify, { type FastifyInstance } from 'fastify';
import { openApiDocument } from './http/openapi';
import { HttpProblem, problemBody } from './http/problem';
import { registerRoute } from './http/register-route';
import { centralRoutes } from './routes';
import type { ServerContext } from './server-context';

export const API_VERSION = '1.0.0';

/**
 * Fastify's own refusals, in our words. Everything else unexpected is a 500 whose details stay in the
 * server's log (never a stack trace to a client).
 */
const fastifyRefusal = (error: { code?: string; statusCode?: number }): HttpProblem | null => {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpProblem(400, 'BAD_JSON', '请求正文不是有效的 JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpProblem(413, 'BODY_TOO_LARGE', '请求正文超过该接口的大小上限');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', '只接受 application/json');
    default:
      if (error instanceof SyntaxError || (error.statusCode === 400 && error.code === undefined)) return new HttpProblem(400, 'BAD_JSON', '请求正文不是有效的 JSON');
      return null;
  }
};

export interface CentralAppOptions {
  https?: { cert: Buffer; key: Buffer } | undefined;
  /** Off by default: requests carry tokens and personal data, so nothing logs bodies or headers. */
  logger?: boolean;
}

export const buildCentralApp = async (context: ServerContext, options: CentralAppOptions = {}): Promise<FastifyInstance> => {
  const app = (options.https ? Fastify({ https: options.https, logger: options.logger ?? false }) : Fastify({ logger: options.logger ?? false })) as unknown as FastifyInstance;
  app.setErrorHandler((error, request, reply) => {
    const problem = error instanceof HttpProblem ? error : fastifyRefusal(error as { code?: string; statusCode?: number });
    if (problem) return reply.status(problem.status).send(problemBody(problem.code, problem.reason, problem.path));
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send(problemBody('INTERNAL', '中心系统内部错误，请稍后重试；详情见服务器日志'));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(problemBody('NOT_FOUND', `没有这个接口：${request.method} ${request.url.split('?')[0]}`)));
  for (const route of centralRoutes) registerRoute(app, route, context);
  const document = openApiDocument(centralRoutes, API_VERSION);
  app.get('/openapi.json', async () => document);
  return app;
};
