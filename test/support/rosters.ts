// Small factories and waits for roster tests.
import { generateScenario, type ScenarioDocument } from '@homecare/scenario';
import type TestAgent from 'supertest/lib/agent';
import { unique } from './unique';
import { waitFor } from './processes';
import { weekFromNow } from './clock';

/** Next week (Monday to Sunday, Europe/Amsterdam), as of the clock: the week a team plans. */
export const WEEK = weekFromNow(1);

/** A small generated team-week (its first week starts on WEEK.periodStart). */
export function smallTeamScenario(
  seed = 5,
  size: { caregivers?: number; clients?: number; days?: number } = {},
): ScenarioDocument {
  return {
    ...generateScenario({
      seed,
      caregivers: size.caregivers ?? 4,
      clients: size.clients ?? 10,
      days: size.days ?? 3,
      start: WEEK.periodStart,
    }),
    name: unique('roster-team'),
  };
}

/** Imports a scenario as a new team; returns the team and organisation ids. */
export async function importTeam(
  http: TestAgent,
  scenario: ScenarioDocument,
  organisationId?: string,
): Promise<{ teamId: string; organisationId: string }> {
  const response = await http
    .post('/teams/import')
    .query(organisationId ? { organisationId } : {})
    .send(scenario)
    .expect(201);
  return { teamId: response.body.teamId, organisationId: response.body.organisationId };
}

/** A JSON body as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RosterBody = Record<string, any>;

export type RosterStatus = 'queued' | 'running' | 'done' | 'failed';

/** Polls GET /rosters/{id} until its status is one of `statuses`; returns the body. */
export async function waitForRoster(
  http: TestAgent,
  rosterId: string,
  statuses: RosterStatus[] = ['done', 'failed'],
  timeoutMs = 60_000,
): Promise<RosterBody> {
  let body: RosterBody = {};
  await waitFor(
    `roster ${rosterId} to be ${statuses.join(' or ')}`,
    async () => {
      const response = await http.get(`/rosters/${rosterId}`);
      body = response.body;
      return response.status === 200 && statuses.includes(body.status);
    },
    timeoutMs,
    200,
  );
  return body;
}
