export * from './access-token.service';
export * from './account-cache';
export * from './auth.module';
export * from './auth.service';
export * from './invitations.service';
export * from './password-hasher';
export * from './principal';
export * from './auth.view';
