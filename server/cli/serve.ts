import { parseArgs } from 'node:util';
import { isSuiteName } from '../../electron/services/crypto/suite';
import { startCentral } from '../start-central';

/**
 * `npm run server -- [--port 8443] [--host 127.0.0.1] [--data ./central-data] [--suite gm|intl]
 * [--tls-cert cert.pem --tls-key key.pem]`; `DATABASE_URL=postgres://…` for PostgreSQL.
 */
export const serve = async (args: string[]): Promise<void> => {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '8780' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: 'central-data' },
      suite: { type: 'string', default: 'gm' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port 应为 0–65535 的整数，收到 ${values.port}`);
  if (!isSuiteName(values.suite)) throw new Error(`--suite 只能是 gm 或 intl，收到 ${values.suite}`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new Error('--tls-cert 与 --tls-key 须同时给出');
  const central = await startCentral({
    port,
    host: values.host,
    dataDir: values.data,
    databaseUrl: process.env.DATABASE_URL,
    suite: values.suite,
    tls: values['tls-cert'] && values['tls-key'] ? { certFile: values['tls-cert'], keyFile: values['tls-key'] } : undefined,
  });
  // The first line a supervising process (or a test) waits for.
  console.log(`central listening ${central.url} database=${central.context.central.dialect}`);
  const stop = () => {
    void central.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};
