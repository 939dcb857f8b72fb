// Errors that mean "Postgres cannot be reached right now", as opposed to "this query is wrong":
// the first is a 503 the client may retry, the second a bug.

/**
 * SQLSTATE class 08 (connection exception) and these codes: the server is shutting down or
 * starting up (57P01-57P03), or has no connection slot left (53300). Plus the socket errors of
 * a server that is not there.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What node-postgres and TypeORM say, without a code, when a connection died under a query or
 * could not be made in time; TypeORM releases a transaction's query runner once its connection
 * failed, and the transaction's next query says so.
 */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|query runner (was )?already released/i;

/** Whether the error (or the driver error or cause it wraps) is Postgres being unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Object; depth++) {
    const { code, syscall, message, driverError, cause } = current as {
      code?: unknown;
      syscall?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    // A server reached through its Unix socket: while it is down the socket file is not there.
    if (code === 'ENOENT' && syscall === 'connect') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    current = driverError ?? cause;
  }
  return false;
}
