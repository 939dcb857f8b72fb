// A team for help to swap: one visit that needs wound care, four caregivers who each can or cannot
// take it for a different reason, and the client's history with one of them.
import type { ScenarioDocument } from '@homecare/scenario';
import { dayOf } from './clock';
import { waitForPlan, type NegotiatingTeam } from './negotiation';
import { WEEK, type RosterBody } from './rosters';
import { unique } from './unique';

/**
 * Mrs Jansen's wound care on the Tuesday of the week: Carla (wound care) is the one she knows,
 * Anna has wound care too, Bram has not, Dirk has it but works only in the afternoon. Mr de Vries
 * has a visit anyone may do, so the plan has work for more than one.
 */
export function swapScenario(): ScenarioDocument {
  const day = dayOf(WEEK, 1);
  const all = [{ start: `${day}T08:00`, end: `${day}T16:00` }];
  return {
    format: 'homecare-scenario/v1',
    name: unique('swap-team'),
    timezone: 'Europe/Amsterdam',
    period: { start: WEEK.periodStart, end: WEEK.periodEnd },
    caregivers: [
      { id: 'anna', name: 'Anna Visser', skills: ['wound-care'], maxMinutesPerWeek: 2400, availability: all },
      { id: 'bram', name: 'Bram Smit', skills: [], maxMinutesPerWeek: 2400, availability: all },
      { id: 'carla', name: 'Carla Bos', skills: ['wound-care'], maxMinutesPerWeek: 2400, availability: all },
      {
        id: 'dirk',
        name: 'Dirk Mulder',
        skills: ['wound-care'],
        maxMinutesPerWeek: 2400,
        availability: [{ start: `${day}T13:00`, end: `${day}T16:00` }],
      },
    ],
    clients: [
      { id: 'jansen', name: 'Mrs Jansen', location: { lat: 52.37, lon: 4.9 }, history: { carla: 8 } },
      { id: 'devries', name: 'Mr de Vries', location: { lat: 52.372, lon: 4.905 } },
    ],
    visits: [
      {
        id: 'wound',
        clientId: 'jansen',
        earliestStart: `${day}T09:00`,
        latestEnd: `${day}T11:00`,
        durationMinutes: 30,
        requiredSkills: ['wound-care'],
      },
      {
        id: 'help',
        clientId: 'devries',
        earliestStart: `${day}T09:00`,
        latestEnd: `${day}T10:00`,
        durationMinutes: 30,
      },
    ],
  };
}

/** The team's first proposal, in review, with the wound care left unassigned by a member. */
export async function planWithOpenVisit(
  team: NegotiatingTeam,
): Promise<{ plan: RosterBody; visitId: string }> {
  const [member] = team.members;
  const created = await member.http
    .post(`/teams/${team.teamId}/roster-plans`)
    .send({ ...WEEK, timeLimitMs: 400 })
    .expect(202);
  let plan = await waitForPlan(
    member.http,
    created.body.id,
    (body) => body.currentVersion === 1,
    'a proposal',
  );
  plan = (
    await member.http.post(`/roster-plans/${plan.id}/review`).set('If-Match', plan.etag).send({}).expect(200)
  ).body;
  const period = await team.period();
  const visitId = period.visitFromScenario.get('wound')!;
  plan = (
    await member.http
      .put(`/roster-plans/${plan.id}/assignments/${visitId}`)
      .set('If-Match', plan.etag)
      .send({ caregiverIds: [] })
      .expect(200)
  ).body;
  expect(plan.assignments.find((row: RosterBody) => row.visitId === visitId).caregiverIds).toEqual([]);
  return { plan, visitId };
}
