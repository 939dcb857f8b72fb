import {
  applyDecorators,
  type CallHandler,
  type CanActivate,
  createParamDecorator,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  type NestInterceptor,
  ParseUUIDPipe,
  Post,
  Put,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { AccessService } from '@homecare/core/access';
import { PlanView, planViewJson } from '@homecare/core/negotiation';
import type { Principal } from '@homecare/core/principal';
import type { UserRole } from '@homecare/database';
import { Allow } from '../auth/auth.decorators';
import { revisionFrom } from './if-match';

// What the negotiation's routes share, so each route says only what it does: who may see the plan
// (decided once, in a guard, before anything else), the revision a write names (If-Match), and how
// a plan goes out (with its ETag, its assignments copied from their kept JSON).

const uuid = new ParseUUIDPipe();

/**
 * The caller may see the plan named by `:planId` (404 otherwise, before 428 for a missing
 * If-Match): the one authorization decision of every plan route.
 */
@Injectable()
export class PlanAccessGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { principal: Principal }>();
    const planId = await uuid.transform(String(request.params.planId), { type: 'param', data: 'planId' });
    await this.access.assertRosterPlans(request.principal, [planId], 'read');
    return true;
  }
}

/**
 * Sends a plan with its ETag. Its assignments (most of its 200 KB) are copied from their kept JSON
 * (planViewJson), not serialised again: the same bytes as JSON.stringify, for the busiest routes.
 */
@Injectable()
export class PlanResponseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<PlanView>): Observable<string> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((plan) => {
        response.setHeader('ETag', plan.etag);
        response.type('application/json; charset=utf-8');
        // A string, so Express sends it as it is (and answers 304 when the ETag still matches).
        return planViewJson(plan).toString('utf8');
      }),
    );
  }
}

/** The plan revision a write was made on, from `If-Match: "r<n>"` (428 without it). */
export const PlanRevision = createParamDecorator((_data: unknown, context: ExecutionContext): number => {
  const value = context.switchToHttp().getRequest<Request>().header('if-match');
  return revisionFrom(typeof value === 'string' ? value : undefined);
});

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: true,
  description: 'ETag of the plan, e.g. "r3" (428 without it, 409 when stale)',
});

const METHODS = { get: Get, post: Post, put: Put, delete: Delete };

interface PlanRouteOptions {
  summary: string;
  /** Who may call it; members of the team (caregivers) unless said otherwise. */
  roles?: [UserRole, ...UserRole[]];
  /** 202 where the answer is a plan whose new version is still being computed. */
  status?: 200 | 202;
}

/** A route that answers one plan (`:planId`) the caller may see, with its ETag. */
export function PlanRead(path: string, summary: string): MethodDecorator {
  return applyDecorators(
    Get(path),
    ApiOperation({ summary }),
    ApiOkResponse({ type: PlanView }),
    Allow('administrator', 'coordinator', 'caregiver'),
    UseGuards(PlanAccessGuard),
    UseInterceptors(PlanResponseInterceptor),
  );
}

/** A write on one plan (`:planId`): If-Match names its revision; the answer is the plan after it. */
export function PlanWrite(
  method: 'post' | 'put' | 'delete',
  path: string,
  { summary, roles = ['caregiver'], status = 200 }: PlanRouteOptions,
): MethodDecorator {
  return applyDecorators(
    METHODS[method](path),
    HttpCode(status),
    IF_MATCH,
    ApiOperation({ summary }),
    ApiResponse({ status, type: PlanView, description: 'The plan after the step, with its ETag.' }),
    Allow(...roles),
    UseGuards(PlanAccessGuard),
    UseInterceptors(PlanResponseInterceptor),
  );
}
