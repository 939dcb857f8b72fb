// Kept only for libs/core/src/negotiation, which imports `../auth/principal` and is being split
// in parallel: the principal lives in its own module (libs/core/src/principal) so that auth and
// access no longer import each other. Delete this file once negotiation imports `../principal`.
export * from '../principal';
