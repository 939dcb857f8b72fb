import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

/** A driver error as node-postgres raises it: an Error with the SQLSTATE in `code`. */
const driverError = (message: string, code?: string): Error => Object.assign(new Error(message), { code });
const failedQuery = (error: Error): QueryFailedError => new QueryFailedError('SELECT 1', [], error);

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a fast shutdown cutting the query',
      failedQuery(driverError('terminating connection due to administrator command', '57P01')),
    ],
    [
      'a server shutting down or starting up',
      failedQuery(driverError('the database system is starting up', '57P03')),
    ],
    ['no server on the port', driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'no server behind the Unix socket',
      Object.assign(driverError('connect ENOENT /run/postgresql/.s.PGSQL.5432', 'ENOENT'), {
        syscall: 'connect',
      }),
    ],
    ['a connection exception (class 08)', failedQuery(driverError('connection failure', '08006'))],
    ['no connection slot left', driverError('sorry, too many clients already', '53300')],
    ['the socket closing under a query', failedQuery(driverError('Connection terminated unexpectedly'))],
    ['the pool giving up', driverError('timeout exceeded when trying to connect')],
    [
      "a transaction's next query after its connection died",
      Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), {
        name: 'QueryRunnerAlreadyReleasedError',
      }),
    ],
    [
      'a cause further down',
      new Error('could not load', { cause: driverError('connect ECONNREFUSED', 'ECONNREFUSED') }),
    ],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', failedQuery(driverError('duplicate key value', '23505'))],
    ['a syntax error (a bug)', failedQuery(driverError('syntax error at or near "SELEC"', '42601'))],
    ['a plain error', new Error('undefined is not a function')],
    ['a missing file', Object.assign(driverError('no such file', 'ENOENT'), { syscall: 'open' })],
    ['something that is not an error', 'Connection terminated'],
  ])('leaves %s alone', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
