export type PayrollErrorCode =
  'invalid-period-config' | 'invalid-date' | 'invalid-band' | 'invalid-settings' | 'mismatched-timesheets';

/** A domain error with a code; the API layer maps codes to HTTP, the library never does. */
export class PayrollError extends Error {
  constructor(
    readonly code: PayrollErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PayrollError';
  }
}
