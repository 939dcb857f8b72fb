import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessService } from '@homecare/core/access';
import { type PlanView, planViewJson } from '@homecare/core/negotiation';
import { type Principal } from '@homecare/core/principal';
import { revisionFrom } from './if-match';

// What the negotiation's controllers share: the If-Match header every write names, the access
// check that comes before it, and the two ways a plan goes out with its ETag.

export const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: true,
  description: 'ETag of the plan, e.g. "r3" (428 without it, 409 when stale)',
});

/** 404 for a plan the caller may not see comes before 428 for a missing If-Match. */
export async function writableRevision(
  access: AccessService,
  user: Principal,
  planId: string,
  ifMatch: string | undefined,
): Promise<number> {
  await access.assertRosterPlans(user, [planId], 'read');
  return revisionFrom(ifMatch);
}

/**
 * Sends a plan as JSON with its ETag, for the busiest writes: the same bytes as returning it, but
 * its assignments (most of its 200 KB) are copied from their kept JSON (planViewJson), not
 * serialised again.
 */
export function sendPlan(response: Response, plan: PlanView): void {
  response.status(200).setHeader('ETag', plan.etag);
  response.type('application/json; charset=utf-8').send(planViewJson(plan));
}

/** The plan returned as the answer (Nest serialises it), its ETag set. */
export function withEtag(response: Response, plan: PlanView): PlanView {
  response.setHeader('ETag', plan.etag);
  return plan;
}
