import net from 'node:net';

/**
 * A TCP proxy between a counter and the central system that misbehaves on purpose, one connection
 * at a time, as a hall's network, a load balancer or a dying server would. The counter opens a fresh
 * connection for every request (sync-client.ts: `agent: false`), so a fault chosen per connection
 * is a fault of one request. The fault of a connection is chosen once its request head has arrived
 * (method and path known), by the plan the test set for the round:
 *
 *   proxy.setPlan(({ index, path }) => (path === '/v1/push' ? { kind: 'cut-up', at: 0.5 } : PASS));
 *
 * Fractions (`at`) are of the whole HTTP message in that direction (head and body, from its
 * content-length), so a cut lands inside the head, inside the body or at its very end whatever the
 * batch's size.
 */
export type ConnectionFault =
  /** Bytes both ways, untouched. */
  | { kind: 'pass' }
  /** The request is cut after this fraction of it reached the server (the server never answers). */
  | { kind: 'cut-up'; at: number; reset: boolean }
  /** The whole request reaches the server; its answer is cut after this fraction reached the counter. */
  | { kind: 'cut-down'; at: number; reset: boolean }
  /** Nothing comes back for `forMs`, then the connection drops; `forward`: the server got the request (and acted on it). */
  | { kind: 'stall'; forward: boolean; forMs: number }
  /** The proxy itself answers 500 (or 502/503) with an HTML page, the server never sees the request. */
  | { kind: 'http-error'; status: 500 | 502 | 503 }
  /** The proxy answers with bytes that are not the server's: not HTTP, a 200 that is not JSON, or JSON of another shape. */
  | { kind: 'garbage'; variant: 'not-http' | 'html-200' | 'wrong-json-200' | 'truncated-json-200' }
  /** The proxy answers 200 itself, with a JSON body made from the whole request: an impostor's answer (`label` names it in the log). */
  | { kind: 'answer'; label: string; body: (request: Buffer) => Promise<string> }
  /**
   * Passes, and calls `then` (say, SIGKILL the server) once this fraction of the request went
   * upstream; on the `response` side, when the server's answer begins (its work is committed), and
   * the answer is withheld from the counter.
   */
  | { kind: 'hook'; at: number; side?: 'request' | 'response'; then: () => void };

export const PASS: ConnectionFault = { kind: 'pass' };

export interface RequestSeen {
  /** Connections since the plan was set, from 0. */
  index: number;
  method: string;
  path: string;
}

export type FaultPlan = (request: RequestSeen) => ConnectionFault;

export interface FaultProxy {
  url: string;
  port: number;
  /** Where connections go; several: in turn, as a load balancer would. Empty: refused (the server is down). */
  setUpstreams(ports: readonly number[]): void;
  /** The plan for the connections from now on; counting starts again at 0. Stalled connections of the last plan are dropped. */
  setPlan(plan: FaultPlan): void;
  /** What each connection of the current plan met, e.g. `POST /v1/push: cut-up at 0.42`, for a failure message. */
  readonly log: readonly string[];
  /** Destroys every socket and stops listening. */
  close(): Promise<void>;
}

const HEAD_END = Buffer.from('\r\n\r\n');
/** A request head longer than this is not one the counter sends: it passes without a fault. */
const MAX_HEAD_BYTES = 64 * 1024;

/** An HTTP message's total length once its head is in `bytes` (head and content-length), else null. */
export const messageLength = (bytes: Buffer): number | null => {
  const end = bytes.indexOf(HEAD_END);
  if (end < 0) return null;
  const head = bytes.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  return end + HEAD_END.length + (length ? Number(length[1]) : 0);
};

const requestLine = (bytes: Buffer): { method: string; path: string } => {
  const [method = '?', target = '?'] = bytes.subarray(0, Math.min(bytes.length, 2048)).toString('latin1').split('\r\n', 1)[0]!.split(' ');
  return { method, path: target.split('?')[0]! };
};

export const describeFault = (fault: ConnectionFault): string => {
  switch (fault.kind) {
    case 'pass':
      return 'pass';
    case 'cut-up':
    case 'cut-down':
      return `${fault.kind} at ${fault.at.toFixed(3)}${fault.reset ? ' (reset)' : ''}`;
    case 'stall':
      return `stall ${fault.forMs} ms${fault.forward ? ' after forwarding' : ''}`;
    case 'http-error':
      return `http ${fault.status}`;
    case 'garbage':
      return `garbage ${fault.variant}`;
    case 'answer':
      return `answer ${fault.label}`;
    case 'hook':
      return fault.side === 'response' ? 'hook on the answer' : `hook at ${fault.at.toFixed(3)}`;
  }
};

const httpAnswer = (status: number, contentType: string, body: string, declaredLength = Buffer.byteLength(body)): Buffer =>
  Buffer.from(`HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Error'}\r\ncontent-type: ${contentType}\r\ncontent-length: ${declaredLength}\r\nconnection: close\r\n\r\n${body}`, 'latin1');

const garbageOf = (variant: Extract<ConnectionFault, { kind: 'garbage' }>['variant']): Buffer => {
  switch (variant) {
    case 'not-http':
      return Buffer.from('\u0000\u00ff\u0013garbage from a broken middlebox\r\n\r\n\u0007', 'latin1');
    case 'html-200':
      return httpAnswer(200, 'text/html', '<html><body>Captive portal: please sign in</body></html>');
    case 'wrong-json-200':
      return httpAnswer(200, 'application/json', '{"results":"all fine","receipt":42}');
    case 'truncated-json-200':
      return httpAnswer(200, 'application/json', '{"results":[{"seq":1,"status":"sto', 400);
  }
};

const cutAt = (fraction: number, total: number): number => Math.max(0, Math.min(total, Math.floor(fraction * total)));

export const startFaultProxy = async (options: { upstreams?: readonly number[] } = {}): Promise<FaultProxy> => {
  let upstreams = [...(options.upstreams ?? [])];
  let plan: FaultPlan = () => PASS;
  let index = 0;
  let turn = 0;
  let log: string[] = [];
  const sockets = new Set<net.Socket>();
  /** Stalled connections, dropped when the round's plan changes. */
  const stalled = new Set<() => void>();

  const track = (socket: net.Socket) => {
    sockets.add(socket);
    // A peer gone mid-write is the very fault being tested, not a failure of the proxy.
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    return socket;
  };
  const drop = (socket: net.Socket, reset: boolean) => {
    if (reset && !socket.destroyed) socket.resetAndDestroy();
    else socket.destroy();
  };

  const server = net.createServer((client) => {
    track(client);
    const connection = index;
    index += 1;
    let head = Buffer.alloc(0);
    let decided = false;

    const onHead = (first: Buffer) => {
      decided = true;
      client.removeListener('data', collect);
      client.pause();
      const { method, path } = requestLine(first);
      const fault = first.length > MAX_HEAD_BYTES && messageLength(first) === null ? PASS : plan({ index: connection, method, path });
      log.push(`#${connection} ${method} ${path}: ${describeFault(fault)}`);
      applyFault(client, first, fault);
    };
    const collect = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (messageLength(head) !== null || head.length > MAX_HEAD_BYTES) onHead(head);
    };
    client.on('data', collect);
    client.once('end', () => {
      if (!decided) client.destroy();
    });
  });

  /** Bytes of the request from the client, up to `limit` of them; `onLimit` once the limit is reached. */
  const forwardRequest = (client: net.Socket, first: Buffer, upstream: net.Socket, limit: number, onLimit: () => void, onSent?: (sent: number) => void) => {
    let sent = 0;
    let done = false;
    const push = (chunk: Buffer) => {
      if (done) return;
      const room = limit - sent;
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      sent += part.length;
      if (part.length > 0) upstream.write(part);
      onSent?.(sent);
      if (sent >= limit) {
        done = true;
        onLimit();
      }
    };
    push(first);
    client.on('data', push);
    client.resume();
  };

  /** Reads the request whole (the server never sees it), then `answer` with its bytes. */
  const swallowRequest = (client: net.Socket, first: Buffer, answer: (request: Buffer) => void) => {
    const total = messageLength(first) ?? first.length;
    const chunks = [first];
    let seen = first.length;
    if (seen >= total) return answer(first);
    client.on('data', (chunk: Buffer) => {
      const before = seen;
      seen += chunk.length;
      chunks.push(chunk);
      if (before < total && seen >= total) answer(Buffer.concat(chunks));
    });
    client.resume();
  };

  const connectUpstream = (client: net.Socket): net.Socket | null => {
    if (upstreams.length === 0) {
      client.destroy();
      return null;
    }
    const port = upstreams[turn % upstreams.length]!;
    turn += 1;
    const upstream = track(net.connect({ host: '127.0.0.1', port }));
    upstream.once('close', () => client.destroy());
    client.once('close', () => upstream.destroy());
    return upstream;
  };

  const stall = (client: net.Socket, forMs: number) => {
    const end = () => {
      clearTimeout(timer);
      stalled.delete(end);
      client.destroy();
    };
    const timer = setTimeout(end, forMs);
    stalled.add(end);
    client.once('close', () => {
      clearTimeout(timer);
      stalled.delete(end);
    });
  };

  const applyFault = (client: net.Socket, first: Buffer, fault: ConnectionFault) => {
    const requestLength = messageLength(first) ?? first.length;
    switch (fault.kind) {
      case 'pass':
      case 'hook': {
        const upstream = connectUpstream(client);
        if (!upstream) return;
        if (fault.kind === 'hook' && fault.side === 'response') {
          upstream.once('data', () => {
            fault.then();
            client.destroy();
          });
          return forwardRequest(client, first, upstream, Infinity, () => undefined);
        }
        upstream.pipe(client);
        if (fault.kind === 'pass') return forwardRequest(client, first, upstream, Infinity, () => undefined);
        // Everything passes; the hook fires once, when the fraction has gone upstream.
        let fired = false;
        const hookAt = Math.max(1, cutAt(fault.at, requestLength));
        return forwardRequest(client, first, upstream, Infinity, () => undefined, (sent) => {
          if (fired || sent < hookAt) return;
          fired = true;
          fault.then();
        });
      }
      case 'cut-up': {
        const upstream = connectUpstream(client);
        if (!upstream) return;
        upstream.pipe(client);
        forwardRequest(client, first, upstream, cutAt(fault.at, requestLength), () => {
          // Let what was written reach the server before the cut.
          upstream.end(() => {
            drop(client, fault.reset);
            drop(upstream, fault.reset);
          });
        });
        return;
      }
      case 'cut-down': {
        const upstream = connectUpstream(client);
        if (!upstream) return;
        forwardRequest(client, first, upstream, Infinity, () => undefined);
        let answer = Buffer.alloc(0);
        let sent = 0;
        let limit: number | null = null;
        upstream.on('data', (chunk: Buffer) => {
          if (limit === null) {
            answer = Buffer.concat([answer, chunk]);
            const total = messageLength(answer);
            if (total === null) return;
            limit = cutAt(fault.at, total);
            chunk = answer;
          }
          const part = chunk.subarray(0, Math.max(0, limit - sent));
          sent += part.length;
          if (sent >= limit) {
            client.write(part, () => {
              drop(client, fault.reset);
              drop(upstream, fault.reset);
            });
            upstream.removeAllListeners('data');
          } else {
            client.write(part);
          }
        });
        return;
      }
      case 'stall': {
        if (fault.forward) {
          const upstream = connectUpstream(client);
          if (!upstream) return;
          // The server's answer is read and thrown away: it acted, the counter never learns of it.
          upstream.resume();
          forwardRequest(client, first, upstream, Infinity, () => undefined);
        } else {
          client.resume();
        }
        stall(client, fault.forMs);
        return;
      }
      case 'http-error':
        swallowRequest(client, first, () => {
          client.end(httpAnswer(fault.status, 'text/html', `<html><head><title>${fault.status}</title></head><body>upstream error</body></html>`));
        });
        return;
      case 'garbage':
        swallowRequest(client, first, () => {
          client.end(garbageOf(fault.variant));
        });
        return;
      case 'answer':
        swallowRequest(client, first, (request) => {
          fault.body(request).then(
            (body) => client.end(httpAnswer(200, 'application/json', body)),
            () => client.destroy(),
          );
        });
        return;
    }
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setUpstreams: (ports) => {
      upstreams = [...ports];
      turn = 0;
    },
    setPlan: (next) => {
      for (const end of [...stalled]) end();
      plan = next;
      index = 0;
      log = [];
    },
    get log() {
      return log;
    },
    close: async () => {
      for (const end of [...stalled]) end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
};
