import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Principal } from '@homecare/core/principal';
import type { UserRole } from '@homecare/database';

export const ALLOWED_ROLES = 'auth:allowed-roles';
export const IS_PUBLIC = 'auth:public';

/**
 * The roles that may call a route (the first layer of authorization). Which objects they may
 * touch is the second layer, decided per id by AccessService. A route without @Allow or @Public
 * is refused for everyone: the guard fails closed.
 */
export function Allow(...roles: [UserRole, ...UserRole[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the access token is not valid.' }),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}.` }),
  );
}

/** Anyone may call the route, signed in or not (sign-in, invitation links, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Who is calling; set by AuthGuard on every route that is not public. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentUser on a route without @Allow');
  return request.principal;
});
