export * from './access-token.service';
export * from './account-cache';
export * from './auth.module';
export * from './auth.service';
export * from './invitations.service';
export * from './password-hasher';
export * from './auth.view';
export * from './opaque-token';
