// Transitional: there is no root barrel any more; import a feature's entry point
// (`@homecare/core/<feature>`). This file is left only for apps/api/src/negotiation, which is being
// split in parallel and still imports '@homecare/core'; .dependency-cruiser.cjs lets nothing else
// import it. Delete it once those files import `@homecare/core/negotiation`, `/access` and `/principal`.
export { AccessModule, AccessService } from './access';
export type { Principal } from './principal';
export * from './negotiation';
