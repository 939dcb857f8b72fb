/**
 * Every rule-level error code the API answers with, in problem+json's `code` member. Clients (the
 * web app, an organisation's own systems) key on these, never on the English text; the OpenAPI
 * document lists them with these descriptions. A code names the rule that refused the request,
 * `<area>.<rule>`; the HTTP status still says the kind (404, 409, 422, ...).
 *
 * Add a code here when a refusal needs its own reaction from a client; the generic ones at the
 * top cover the rest.
 */
export const ERROR_CODES = {
  // Generic: one per kind, for refusals no client needs to tell apart.
  'request.invalid': 'The request is malformed or a value is out of range; `problems` lists each field.',
  'request.too-large': 'The request body is larger than this endpoint accepts.',
  'request.unsupported-media-type': 'The request body is not JSON.',
  'request.precondition-required': 'This change needs an If-Match header with the revision you read.',
  'request.too-many': 'Too many requests; wait and try again.',
  'request.method-not-allowed': 'This path does not take this method.',
  'resource.not-found': 'The resource does not exist, or you may not see it.',
  'resource.conflict': 'The change conflicts with the current state.',
  'resource.duplicate': 'Something with the same key already exists.',
  'resource.in-use': 'Refers to something that does not exist, or is still in use.',
  'resource.overlap': 'Overlaps with an existing entry.',
  'resource.concurrent-change': 'Someone else changed this at the same time; try again.',
  'rule.violated': 'The change would break a rule of the roster.',
  'precondition.failed': 'The resource changed since you read it (If-Match did not match).',
  'auth.unauthenticated': 'Sign in first: no token, a bad token, or a wrong email or password.',
  'auth.forbidden': 'You may see this but not do this.',
  'service.unavailable': 'A service this request needs is unavailable; try again shortly.',
  internal: 'Something went wrong on our side.',
  // Working time
  'working-time.min-rest-invalid':
    'minRestMinutes must be a whole number of minutes from 1 to 2880 (two days), or null to not check rest.',
  'working-time.max-consecutive-days-invalid':
    'maxConsecutiveDays must be a whole number from 1 to 31, or null to not limit days in a row.',
  'working-time.unknown-rule': 'Only minRestMinutes and maxConsecutiveDays are working-time rules.',
  'wish.invalid':
    'A wish needs a kind (avoid or prefer) and a local start before its end, at most 92 days apart.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
