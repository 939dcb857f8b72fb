// A negotiated plan for the faults that write to one (pins) or let its review deadline pass.
import { randomBytes } from 'node:crypto';
import { smallTeamScenario, WEEK } from '../support/rosters';
import { waitFor } from '../support/processes';
import { unique } from '../support/unique';
import type { ApiClient } from './http';
import type { Stack } from './stack';

export interface NegotiatingPlan {
  planId: string;
  caregiverIds: string[];
  /** members signed in, each with one of their visits in the plan's current version */
  members: { client: ApiClient; caregiverId: string; visitId: string }[];
}

/** A small team with a computed plan and two of its caregivers signed in as members. */
export async function negotiatingPlan(stack: Stack, seed: number): Promise<NegotiatingPlan> {
  const scenario = smallTeamScenario(seed, { caregivers: 4, clients: 8, days: 2 });
  const imported = await stack.admin.expect<{ teamId: string; ids: { caregivers: Record<string, string> } }>(
    'POST',
    '/teams/import',
    201,
    { body: scenario },
  );
  const caregiverIds = Object.values(imported.ids.caregivers);
  const tokens = new Map<string, string>();
  for (const caregiverId of caregiverIds.slice(0, 2)) {
    const invitation = await stack.admin.expect<{ token: string }>('POST', '/invitations', 201, {
      body: {
        kind: 'caregiver',
        email: `${unique('member')}@homecare.test`,
        teamId: imported.teamId,
        caregiverId,
      },
    });
    const signIn = await stack.admin.expect<{ accessToken: string }>(
      'POST',
      `/invitations/${invitation.token}/accept`,
      200,
      { body: { password: randomBytes(12).toString('hex') }, token: '' },
    );
    tokens.set(caregiverId, signIn.accessToken);
  }
  const created = await stack.admin.expect<{ id: string }>(
    'POST',
    `/teams/${imported.teamId}/roster-plans`,
    202,
    {
      body: { ...WEEK, timeLimitMs: 500 },
    },
  );
  let assignments: { visitId: string; caregiverIds: string[] }[] = [];
  await waitFor(
    'the plan to be computed',
    async () => {
      const plan = await stack.admin.expect<{
        currentVersion: number;
        computation: unknown;
        assignments: typeof assignments;
      }>('GET', `/roster-plans/${created.id}`, 200);
      assignments = plan.assignments;
      return plan.currentVersion >= 1 && plan.computation === null;
    },
    60_000,
    250,
  );
  const members = [...tokens].map(([caregiverId, token]) => {
    const visit = assignments.find((assignment) => assignment.caregiverIds.includes(caregiverId));
    if (!visit) throw new Error(`caregiver ${caregiverId} has no visit in the plan to pin`);
    return { client: stack.client(token), caregiverId, visitId: visit.visitId };
  });
  return { planId: created.id, caregiverIds, members };
}
