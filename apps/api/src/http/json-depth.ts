/** The deepest nesting a JSON body may have; the deepest document the API takes (a scenario) has 5 levels. */
export const MAX_JSON_DEPTH = 64;

/**
 * body-parser `verify`: refuses a body nested deeper than MAX_JSON_DEPTH with 400 before it is
 * parsed. Thousands of levels overflow the stack of the recursive DTO transformation (a 500), and
 * no request needs them. One pass over the bytes, skipping strings.
 */
export function refuseDeepJson(_request: unknown, _response: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index += 1) {
    const byte = body[index];
    if (inString) {
      if (byte === 0x5c) index += 1;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) {
        throw Object.assign(
          new Error(`The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`),
          {
            status: 400,
            type: 'entity.too.deep',
            expose: true,
          },
        );
      }
    } else if (byte === 0x7d || byte === 0x5d) {
      depth -= 1;
    }
  }
}
