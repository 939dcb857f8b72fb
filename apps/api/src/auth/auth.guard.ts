import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '@homecare/common';
import { AuthService } from '@homecare/core/auth';
import { type Principal } from '@homecare/core/principal';
import type { UserRole } from '@homecare/database';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/** Global: every route is closed unless it says who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (!roles) {
      // A programming error, loudly: the route forgot to declare who may call it.
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} declares neither @Allow nor @Public`,
      );
      throw new ForbiddenError('This route is not open to anyone.');
    }
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!token) throw new UnauthenticatedError(header ? 'The access token is not valid.' : 'Sign in first.');
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
    const principal = await this.auth.authenticate(token, route);
    if (!roles.includes(principal.role)) throw new ForbiddenError(`This is only for: ${roles.join(', ')}.`);
    request.principal = principal;
    return true;
  }
}
