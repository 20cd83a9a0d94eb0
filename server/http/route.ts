import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DeviceTable } from '../db/schema';
import type { ServerContext } from '../server-context';

/**
 * One HTTP route, declared once: the schemas its handler validates with are the ones the OpenAPI
 * document is generated from (http/openapi.ts), so the published contract cannot drift from the code.
 * `auth: 'device'` needs an enrolled, unrevoked device's bearer token; the handler gets its row.
 */
export interface RouteSpec<Body extends z.ZodType | undefined, Query extends z.ZodType | undefined, Response extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  summary: string;
  tag: string;
  auth: 'none' | 'device';
  body?: Body;
  query?: Query;
  /** Bodies above this are refused before they are parsed (413). */
  bodyLimit?: number;
  response: Response;
  handler(input: RouteInput<Body, Query>, context: ServerContext): Promise<z.infer<Response>>;
}

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteInput<Body, Query> {
  body: Parsed<Body>;
  query: Parsed<Query>;
  params: Record<string, string>;
  /** The calling device, for `auth: 'device'` routes. */
  device: DeviceTable;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type AnyRoute = RouteSpec<any, any, any>;

export const defineRoute = <Body extends z.ZodType | undefined = undefined, Query extends z.ZodType | undefined = undefined, Response extends z.ZodType = z.ZodType>(
  spec: RouteSpec<Body, Query, Response>,
): RouteSpec<Body, Query, Response> => spec;
