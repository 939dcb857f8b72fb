import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * The plan revision a write was made on, from `If-Match: "r<revision>"` (the ETag of the plan).
 * Without it the write is refused with 428: every change to a plan must say what it changes.
 * An HTTP concern, so it stays at the edge; the compare-and-set itself is the service's.
 */
export function revisionFrom(header: string | undefined): number {
  const match = header === undefined ? null : /^\s*(?:W\/)?"r(\d{1,9})"\s*$/.exec(header);
  if (!match)
    throw new HttpException(
      header === undefined
        ? 'This write needs If-Match with the ETag of the plan you read (GET the plan first).'
        : 'If-Match must be the ETag of the plan, like "r3".',
      HttpStatus.PRECONDITION_REQUIRED,
    );
  return Number(match[1]);
}
