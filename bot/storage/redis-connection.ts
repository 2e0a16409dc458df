import { Redis, type RedisOptions } from 'ioredis';
import { StoreUnavailableError } from './store-unavailable-error';

/** The two connections the Redis stores use: one for commands, one held in subscriber mode. */
export interface RedisClients {
  readonly client: Redis;
  /** A duplicate of `client` for SUBSCRIBE: a RESP2 connection in subscriber mode can run nothing else. */
  readonly subscriber: Redis;
}

export interface RedisConnectionOptions {
  /**
   * Connection-level errors (refused, reset, timed out). ioredis keeps reconnecting on its own;
   * without a handler it writes them to the console itself.
   */
  readonly onError?: (error: Error, connection: 'client' | 'subscriber') => void;
  /**
   * How long a command may take before it fails (default 2 s, for citizens' requests). Longer for
   * a connection that moves big values off the request path (the knowledge's 15–35 MB models).
   */
  readonly commandTimeoutMs?: number;
}

/**
 * Options for the command connection. ioredis 6's defaults queue commands without bound while
 * Redis is unreachable and never time them out, so a citizen's request would hang instead of
 * getting an error page. Here every command settles within about two seconds.
 */
const COMMAND_CONNECTION: RedisOptions = {
  // Nothing here needs RESP3 (no client-side caching, no push messages on the command connection),
  // and RESP2 keeps the classic subscriber mode and reply shapes the stores are written against.
  protocol: 2,
  // Connected explicitly below, so a wrong REDIS_URL fails at startup rather than on the first request.
  lazyConnect: true,
  connectTimeout: 5000,
  // While disconnected, reject at once instead of queueing: a queued write that the caller has
  // already given up on (and answered with an error) would otherwise run later, behind its back.
  enableOfflineQueue: false,
  // Bounds a command that was written but never answered (a hung server, a black-holed network).
  commandTimeout: 2000,
  // An XADD whose reply was lost may have run; resending it after a reconnect could append the
  // activity twice, so unanswered commands are never resent...
  autoResendUnfulfilledCommands: false,
  // ...and as nothing is resent, there is nothing to wait for: reject them the moment the
  // connection drops (the first reconnection attempt) rather than after several attempts.
  maxRetriesPerRequest: 0,
};

/**
 * Overrides for the subscriber connection. SUBSCRIBE and UNSUBSCRIBE are idempotent and never on
 * a citizen's request path, so they may wait out an outage in order; the store itself
 * resubscribes after a reconnect and then hints every listener to re-read what it missed.
 */
const SUBSCRIBER_CONNECTION: Partial<RedisOptions> = {
  enableOfflineQueue: true,
  commandTimeout: undefined,
  maxRetriesPerRequest: null,
  autoResendUnfulfilledCommands: true,
  autoResubscribe: false,
};

/** Connects both connections, or fails with a clear error (password removed) within connectTimeout. */
export async function createRedisClients(url: string, options: RedisConnectionOptions = {}): Promise<RedisClients> {
  const client = new Redis(url, {
    ...COMMAND_CONNECTION,
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeout: options.commandTimeoutMs }),
  });
  const subscriber = client.duplicate(SUBSCRIBER_CONNECTION);
  const { onError } = options;
  if (onError) {
    client.on('error', (error: Error) => onError(error, 'client'));
    subscriber.on('error', (error: Error) => onError(error, 'subscriber'));
  }
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
  } catch (error) {
    // A failed first connect leaves ioredis retrying in the background; stop both for good.
    client.disconnect();
    subscriber.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot connect to Redis at ${withoutPassword(url)}: ${reason}`, { cause: error });
  }
  return { client, subscriber };
}

/** REDIS_URL may carry a password; error messages end up in logs. */
function withoutPassword(url: string): string {
  if (!URL.canParse(url)) return '(unparseable REDIS_URL)';
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

/**
 * An error naming what failed, in words an operator reading the log understands; ioredis's own
 * messages describe its options ("enableOfflineQueue options is false"), not the situation.
 */
export function redisFailure(operation: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  const unavailable = (situation: string) =>
    new StoreUnavailableError(`${operation} failed: ${situation}`, { cause: error });
  if (message.includes('enableOfflineQueue'))
    return unavailable('not connected to Redis (it is down or unreachable; reconnecting)');
  if (message === 'Command timed out') return unavailable('Redis did not answer in time');
  if (name === 'MaxRetriesPerRequestError')
    return unavailable('the connection to Redis dropped before it answered (the command may or may not have run)');
  if (message === 'Connection is closed.') return unavailable('the Redis connection is closed');
  // Restarting (reading its append-only file), or stuck in a long script: it will answer again.
  if (/^(LOADING|BUSY|MASTERDOWN|TRYAGAIN)\b/.test(message))
    return unavailable(`Redis is not serving commands yet (${message})`);
  // Redis answered, with an error (a script bug, a wrong type): not something waiting fixes.
  return new Error(`${operation} failed: ${message}`, { cause: error });
}

/** JSON read back from Redis; undefined when unparseable, so the caller's schema check rejects it. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Callers decide what unparseable data means; undefined fails every shape check they apply.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** An Error for a failure reported by a callback or event (which may hand over anything). */
export function asError(error: unknown, context: string): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`${context}: ${reason}`, { cause: error });
}

/**
 * QUIT lets pending replies arrive, but it cannot be sent while Redis is unreachable (the command
 * connection refuses to queue, the subscriber would queue forever), so then just drop the socket.
 */
export async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  try {
    await connection.quit();
  } catch {
    // QUIT fails only if the connection dropped meanwhile; dropping the socket finishes the job,
    // and close() promises nothing more than a closed connection.
    connection.disconnect();
  }
}
