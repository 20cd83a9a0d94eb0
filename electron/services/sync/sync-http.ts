import type { ZodType } from 'zod';

/**
 * What the sync code needs of the central system's HTTP API: JSON in, JSON out, each answer parsed
 * with the caller's zod schema before it is trusted. The enrolled client (sync-client.ts) pins the
 * server's certificate, adds the device's bearer token and turns the server's error body into a
 * typed SyncHttpError; tests may hand the pull and push code any other implementation.
 */
export interface SyncHttp {
  getJson<T>(path: string, schema: ZodType<T>): Promise<T>;
  postJson<T>(path: string, body: unknown, schema: ZodType<T>): Promise<T>;
  putJson<T>(path: string, body: unknown, schema: ZodType<T>): Promise<T>;
}
