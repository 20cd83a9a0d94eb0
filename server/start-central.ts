import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { SuiteName } from '../electron/services/crypto/suite';
import { buildCentralApp } from './app';
import { migrateToLatest } from './db/migrate';
import { openCentralDb, type CentralDb } from './db/open-database';
import { loadServerSigner } from './keys/server-signing-key';
import type { ServerContext } from './server-context';

export interface CentralOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  suite: SuiteName;
  /** PEM files; without them the server listens on loopback only, in plain HTTP. */
  tls?: { certFile: string; keyFile: string } | undefined;
  now?: () => Date;
}

export interface RunningCentral {
  app: FastifyInstance;
  context: ServerContext;
  url: string;
  close(): Promise<void>;
}

export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

/** Opens the database, brings its schema up to date, loads the signing key and listens. */
export const startCentral = async (options: CentralOptions): Promise<RunningCentral> => {
  if (!options.tls && !isLoopback(options.host)) {
    throw new Error(`不使用 HTTPS 时只能监听本机回环地址（127.0.0.1、::1），${options.host} 需要 --tls-cert 与 --tls-key`);
  }
  const https = options.tls ? { cert: await readFile(options.tls.certFile), key: await readFile(options.tls.keyFile) } : null;
  const central: CentralDb = openCentralDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  try {
    await migrateToLatest(central);
    const signer = await loadServerSigner(central.db, options.suite);
    const context: ServerContext = { central, signer, now: options.now ?? (() => new Date()) };
    const app = await buildCentralApp(context, { https: https ?? undefined });
    await app.listen({ port: options.port, host: options.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
    return {
      app,
      context,
      url: `${https ? 'https' : 'http'}://${hostInUrl}:${port}`,
      close: async () => {
        await app.close();
        await central.close();
      },
    };
  } catch (error) {
    await central.close();
    throw error;
  }
};
