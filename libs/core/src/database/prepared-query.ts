import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import { type DataSource, QueryFailedError } from 'typeorm';

const names = new Map<string, string>();

/**
 * A query run as a named prepared statement, for the statements the busiest routes make on every
 * request. Postgres parses and plans a named statement once per connection, while the unnamed ones
 * TypeORM sends are planned at every call, which for these joins costs about as much as running
 * them. The name is a hash of the text: one text, one statement, on every connection of the pool.
 * Errors come as TypeORM's QueryFailedError, as from `dataSource.query`, so they map the same.
 */
export async function preparedQuery<T extends QueryResultRow>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  let name = names.get(text);
  if (!name) {
    name = `q${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  // The pool TypeORM's Postgres driver queries through.
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  try {
    return (await pool.query<T>({ name, text, values })).rows;
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
