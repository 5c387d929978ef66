/** `--queue redis://HOST:PORT[/DB]` → connection options, and a reachability check. */
import { InputError } from '@losslens/core';

/** Where the queue lives. */
export interface QueueConnection {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
}

/**
 * Parses a `redis://` (or `rediss://`, not supported: plain loopback/LAN Redis) URL; throws
 * InputError naming `--queue` otherwise.
 * @example
 * parseQueueUrl('redis://127.0.0.1:6380'); // { host: '127.0.0.1', port: 6380, db: 0 }
 */
export function parseQueueUrl(text: string, flag = '--queue'): QueueConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('E_USAGE', `${JSON.stringify(text)} is not a URL; give redis://HOST:PORT`, { flag });
  }
  if (url.protocol !== 'redis:') throw new InputError('E_USAGE', `${text}: the scheme must be redis:// (got ${url.protocol}//)`, { flag });
  if (url.hostname === '') throw new InputError('E_USAGE', `${text}: no host; give redis://HOST:PORT`, { flag });
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new InputError('E_USAGE', `${text}: the database /${dbText} must be a whole number`, { flag });
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

/**
 * Connects once, sends PING, and disconnects; throws InputError naming `--queue` when Redis
 * cannot be reached within `timeoutMs` (default 3000).
 * @example
 * await assertQueueReachable('redis://127.0.0.1:6380');
 */
export async function assertQueueReachable(text: string, options: { timeoutMs?: number; flag?: string } = {}): Promise<QueueConnection> {
  const flag = options.flag ?? '--queue';
  const connection = parseQueueUrl(text, flag);
  const { Redis } = await import('ioredis');
  const client = new Redis({ ...connection, lazyConnect: true, connectTimeout: options.timeoutMs ?? 3000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let socketError: NodeJS.ErrnoException | undefined;
  client.on('error', (error: NodeJS.ErrnoException) => (socketError ??= error)); // reported below
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const cause = socketError ?? (error as NodeJS.ErrnoException);
    const reason = cause.code ?? cause.message;
    throw new InputError('E_USAGE', `${text}: cannot reach Redis there (${reason}); start redis-server or fix the URL`, { flag });
  } finally {
    client.disconnect();
  }
  return connection;
}
