/**
 * The one statement that writes the access log, for every read of a client's data. Reads that
 * are a single statement (a visit plan, a team's published roster) embed it as a part of their
 * own (`WITH logged AS (...)`), so that what was shown and what was logged cannot differ; the
 * rest call AccessLogService.record, which runs it on its own.
 *
 * Each argument is an SQL expression; `source` is the FROM (and WHERE) clause the client ids come
 * from. A client is logged once per statement.
 */
export function accessLogInsertSql(columns: {
  user: string;
  client: string;
  action: string;
  route: string;
  source: string;
}): string {
  return `INSERT INTO access_log_entry (user_id, client_id, action, route)
     SELECT DISTINCT ${columns.user}::uuid, ${columns.client}, ${columns.action}, ${columns.route} ${columns.source}`;
}
