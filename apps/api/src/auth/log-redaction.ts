/**
 * Paths that carry a secret (invitation tokens, calendar feed tokens) with the secret replaced, for
 * logs and error bodies: a link that shows up in a log file would let its reader create the
 * account, or follow a family's visit plan.
 */
export function redactPath(path: string): string {
  return path
    .replace(/\/invitations\/[^/?#]+/g, (match) =>
      /^\/invitations\/[0-9a-f-]{36}$/i.test(match) ? match : '/invitations/[token]',
    )
    .replace(/\/calendar\/[^/?#]+/g, '/calendar/[token].ics');
}

/**
 * An error as it may be logged: name, message, code and stack, but not the query parameters a
 * database error carries (they hold names, addresses and password hashes).
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, constraint } = error as Error & { code?: unknown; constraint?: unknown };
  return { type: error.name, message: error.message, code, constraint, stack: error.stack };
}
