import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startPrivatePostgres, type PrivatePostgres } from '../harness/postgres';

/**
 * The private PostgreSQL the server's suites run against (tests/harness/postgres.ts). No skip when
 * PostgreSQL is missing: the server's tests cannot run without it, and .ci/run installs it.
 */
const withClient = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const tableExists = (url: string, table: string) =>
  withClient(url, async (client) => (await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [table])).rows[0]?.found !== null);

/** Whether something accepts a TCP connection on 127.0.0.1:port. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('private PostgreSQL', () => {
  let server: PrivatePostgres;

  beforeAll(async () => {
    server = await startPrivatePostgres();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('finds the PostgreSQL binaries', () => {
    expect(postgresAvailable()).toBe(true);
  });

  it('gives every database its own tables', async () => {
    const first = await server.createDatabase();
    const second = await server.createDatabase();
    expect(first).not.toBe(second);
    for (const url of [first, second]) expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/test_\w+$/);

    await withClient(first, (client) => client.query('CREATE TABLE letters (id serial PRIMARY KEY, matter text NOT NULL)'));
    expect(await tableExists(first, 'letters')).toBe(true);
    expect(await tableExists(second, 'letters')).toBe(false);
  });

  it('creates a database by the given name and keeps Chinese text intact', async () => {
    const url = await server.createDatabase('承诺_db');
    expect(url).toBe(server.url('承诺_db'));
    const text = await withClient(url, async (client) => {
      await client.query('CREATE TABLE t (v text)');
      await client.query('INSERT INTO t VALUES ($1)', ['证明事项告知承诺']);
      return (await client.query<{ v: string; db: string }>('SELECT v, current_database() AS db FROM t')).rows[0];
    });
    expect(text).toEqual({ v: '证明事项告知承诺', db: '承诺_db' });
  });

  it('refuses a second database of the same name', async () => {
    await server.createDatabase('twice');
    await expect(server.createDatabase('twice')).rejects.toThrow(/already exists/);
  });

  it('stops: nothing listens on its port and its folder is gone', async () => {
    const port = Number(new URL(server.url('postgres')).port);
    expect(await listening(port)).toBe(true);
    await server.stop();
    expect(await listening(port)).toBe(false);
    expect(existsSync(path.dirname(server.logFile))).toBe(false);
  });

  it('fails with PostgreSQL’s own words when the server does not start', async () => {
    const started = startPrivatePostgres({ settings: { shared_buffers: 'lots' } });
    await expect(started).rejects.toThrow(/did not start[\s\S]*invalid value for parameter "shared_buffers": "lots"/);
  }, 60_000);
});
