import { z } from 'zod';
import { serverErrorSchema } from '../../shared/sync/server-error';
import type { AnyRoute } from './route';

/**
 * The OpenAPI 3.1 document of the central system, generated from the routes' own zod schemas.
 * `npm run server:openapi` writes it to server/openapi.json, which is committed; a test fails when
 * the committed file is not what the code generates.
 */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const queryParameters = (schema: z.ZodType) => {
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: (object.required ?? []).includes(name),
    schema: property,
  }));
};

const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

export const openApiDocument = (routes: readonly AnyRoute[], version: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth === 'device' ? { security: [{ deviceToken: [] }] } : {}),
      ...(params.length || route.query ? { parameters: [...params, ...(route.query ? queryParameters(route.query) : [])] } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } },
        '4XX': { description: '拒绝：原因见 error.code 与 error.reason', content: { 'application/json': { schema: jsonSchema(serverErrorSchema, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '证明事项告知承诺 · 中心系统', version },
    components: { securitySchemes: { deviceToken: { type: 'http', scheme: 'bearer', description: '窗口设备登记时取得的令牌' } } },
    paths,
  };
};
