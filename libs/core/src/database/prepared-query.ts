import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, type EntityManager, QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';

const names = new Map<string, string>();

/**
 * A query run as a named prepared statement, for the statements the busiest routes make on every
 * request. Postgres parses and plans a named statement once per connection, while the unnamed ones
 * TypeORM sends are planned at every call, which for these joins costs about as much as running
 * them. The name is a hash of the text: one text, one statement, on every connection of the pool.
 * Errors come as TypeORM's QueryFailedError, as from `dataSource.query`, so they map the same.
 *
 * Given a transaction's manager, the statement runs on that transaction's connection, so it sees
 * (and is part of) what the transaction did; given the data source, on any connection of the pool.
 */
export async function preparedQuery<T extends QueryResultRow>(
  queryable: DataSource | EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  let name = names.get(text);
  if (!name) {
    name = `q${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  const client = await clientOf(queryable);
  try {
    return (await client.query<T>({ name, text, values })).rows;
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

/** A manager's own connection when it has one (a transaction's query runner), else the pool. */
async function clientOf(queryable: DataSource | EntityManager): Promise<Pool | PoolClient> {
  const runner = queryable instanceof DataSource ? undefined : queryable.queryRunner;
  if (runner) {
    // As TypeORM's own query: a manager kept past its transaction must not take a new connection.
    if (runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
    // The query runner's connect() answers the connection it holds (a pg client of the pool).
    return (await runner.connect()) as PoolClient;
  }
  const dataSource = queryable instanceof DataSource ? queryable : queryable.connection;
  // The pool TypeORM's Postgres driver queries through.
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/**
 * Several queries through one queryable: at once on the pool (each on its own connection), one
 * after the other on a transaction's one connection, which runs one query at a time (pg deprecates
 * queueing a query on a client that is running one).
 */
export async function queryAll<T extends unknown[]>(
  queryable: DataSource | EntityManager,
  runs: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (queryable instanceof DataSource || !queryable.queryRunner)
    return (await Promise.all(runs.map((run) => run()))) as T;
  const results: unknown[] = [];
  for (const run of runs) results.push(await run());
  return results as T;
}
