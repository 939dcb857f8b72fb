// A team that negotiates: an imported small team whose caregivers are all signed in as members.
import {
  fromScenario,
  introducedViolations,
  type PlanPeriod,
  type PlanRow,
} from '@homecare/core/negotiation';
import type { ScenarioDocument } from '@homecare/scenario';
import type TestAgent from 'supertest/lib/agent';
import { waitFor } from './processes';
import { smallTeamScenario, WEEK, type RosterBody } from './rosters';
import { signInAs, type TestApp } from './test-app';

export interface Member {
  caregiverId: string;
  scenarioId: string;
  http: TestAgent;
  /** Their access token, for requests made without supertest (server-sent events). */
  accessToken: string;
  /** Signs in with TEST_PASSWORD (for browser tests). */
  email: string;
}

export interface NegotiatingTeam {
  teamId: string;
  organisationId: string;
  scenario: ScenarioDocument;
  members: Member[];
  /** caregiver id -> member */
  member: (caregiverId: string) => Member;
  period: () => Promise<PlanPeriod>;
}

/** Imports a small generated team (or `scenario`) and signs in every caregiver as a member (linked accounts). */
export async function negotiatingTeam(
  api: TestApp,
  seed: number,
  size = { caregivers: 4, clients: 8, days: 2 },
  scenario: ScenarioDocument = smallTeamScenario(seed, size),
): Promise<NegotiatingTeam> {
  const imported = await api.http.post('/teams/import').send(scenario).expect(201);
  const ids = imported.body.ids as { caregivers: Record<string, string>; visits: Record<string, string> };
  const members: Member[] = [];
  for (const [scenarioId, caregiverId] of Object.entries(ids.caregivers)) {
    const signedIn = await signInAs(api, { role: 'caregiver', caregiverIds: [caregiverId] });
    members.push({
      caregiverId,
      scenarioId,
      http: signedIn.http,
      accessToken: signedIn.accessToken,
      email: signedIn.user.email,
    });
  }
  const teamId = imported.body.teamId as string;
  return {
    teamId,
    organisationId: imported.body.organisationId as string,
    scenario,
    members,
    member: (caregiverId) => {
      const found = members.find((candidate) => candidate.caregiverId === caregiverId);
      if (!found) throw new Error(`no member ${caregiverId}`);
      return found;
    },
    // The server's view of the period: its own scenario export and the id maps.
    period: async () => {
      const exported = await api.http
        .get(`/teams/${teamId}/scenario`)
        .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
        .expect(200);
      return fromScenario(
        exported.body as ScenarioDocument,
        scenario.timezone,
        new Map(Object.entries(ids.visits)),
        new Map(Object.entries(ids.caregivers)),
      );
    },
  };
}

/** Polls the plan until `predicate` holds; returns it. */
export async function waitForPlan(
  http: TestAgent,
  planId: string,
  predicate: (plan: RosterBody) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<RosterBody> {
  let plan: RosterBody = {};
  await waitFor(
    what,
    async () => {
      const response = await http.get(`/roster-plans/${planId}`);
      plan = response.body;
      if (plan.computation?.status === 'failed')
        throw new Error(`computation failed: ${plan.computation.failureReason}`);
      return response.status === 200 && predicate(plan);
    },
    timeoutMs,
    200,
  );
  return plan;
}

/** The plan's assignments as the rule checker's rows. */
export function rowsOf(plan: RosterBody): PlanRow[] {
  return (plan.assignments as RosterBody[]).map((assignment) => ({
    visitId: assignment.visitId,
    caregiverIds: assignment.caregiverIds,
    start: assignment.start ? new Date(assignment.start) : null,
    end: assignment.end ? new Date(assignment.end) : null,
    pinned: assignment.pinned,
    explanation: assignment.explanation,
    flags: assignment.flags,
  }));
}

const replaced = (rows: PlanRow[], visitId: string, caregiverIds: string[]): PlanRow[] =>
  rows.map((row) => (row.visitId === visitId ? { ...row, caregiverIds } : row));

/** A visit of `from` that `to` could take without breaking a rule (by the server's own checker). */
export function findMove(period: PlanPeriod, rows: PlanRow[], from: string, to: string): string | undefined {
  for (const row of rows) {
    if (row.pinned || !row.caregiverIds.includes(from) || row.caregiverIds.includes(to)) continue;
    const after = replaced(
      rows,
      row.visitId,
      row.caregiverIds.map((id) => (id === from ? to : id)),
    );
    if (introducedViolations(period, rows, after).length === 0) return row.visitId;
  }
  return undefined;
}

/** A valid swap between two members: [their visit, its new holder's visit, first member, second member]. */
export function findSwap(
  period: PlanPeriod,
  rows: PlanRow[],
  caregiverIds: string[],
): [string, string, string, string] | undefined {
  for (const first of caregiverIds)
    for (const second of caregiverIds) {
      if (first === second) continue;
      for (const mine of rows) {
        if (mine.pinned || mine.caregiverIds.length !== 1 || mine.caregiverIds[0] !== first) continue;
        for (const theirs of rows) {
          if (theirs.pinned || theirs.caregiverIds.length !== 1 || theirs.caregiverIds[0] !== second)
            continue;
          const after = replaced(replaced(rows, mine.visitId, [second]), theirs.visitId, [first]);
          if (introducedViolations(period, rows, after).length === 0)
            return [mine.visitId, theirs.visitId, first, second];
        }
      }
    }
  return undefined;
}

/** Every member agrees the team's first proposal of `period` and the first one publishes it. */
export async function publishFirstProposal(
  members: { http: TestAgent }[],
  teamId: string,
  period: { periodStart: string; periodEnd: string } = WEEK,
): Promise<RosterBody> {
  const created = await members[0].http
    .post(`/teams/${teamId}/roster-plans`)
    .send({ ...period, timeLimitMs: 400 })
    .expect(202);
  let plan = await waitForPlan(
    members[0].http,
    created.body.id,
    (body) => body.currentVersion === 1,
    'the first proposal',
  );
  plan = (
    await members[0].http
      .post(`/roster-plans/${plan.id}/review`)
      .set('If-Match', plan.etag)
      .send({})
      .expect(200)
  ).body;
  for (const member of members)
    plan = (
      await member.http.post(`/roster-plans/${plan.id}/consents`).set('If-Match', plan.etag).expect(200)
    ).body;
  return (
    await members[0].http.post(`/roster-plans/${plan.id}/publish`).set('If-Match', plan.etag).expect(200)
  ).body;
}
