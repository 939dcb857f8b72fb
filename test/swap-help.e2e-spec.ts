// Help to swap, through HTTP: who in the team could take a visit of a plan under review (the
// engine's checker, as a claim is checked), ranked by continuity, each refusal a code with params;
// a claim by someone listed as able passes, by someone listed as unable is refused in plain words.
import { createTestApp, expectProblem, signInAs, type TestApp } from './support/test-app';
import { ensureBuilt, startWorker, workerStarted, type ChildApp } from './support/processes';
import { type RosterBody } from './support/rosters';
import { negotiatingTeam } from './support/negotiation';
import { planWithOpenVisit, swapScenario } from './support/swap-team';

jest.setTimeout(120_000);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('help to swap: who could take a visit', () => {
  let api: TestApp;
  let worker: ChildApp;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp();
    worker = startWorker();
    await workerStarted(worker);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  it('lists everyone with the reason they cannot, the familiar caregiver first; claims follow the list', async () => {
    const team = await negotiatingTeam(api, 0, undefined, swapScenario());
    const period = await team.period();
    const id = (scenarioId: string) => period.caregiverFromScenario.get(scenarioId)!;
    const member = (scenarioId: string) => team.member(id(scenarioId));
    const { plan, visitId } = await planWithOpenVisit(team);

    const read = async (who: string) =>
      (await member(who).http.get(`/roster-plans/${plan.id}/visits/${visitId}/candidates`).expect(200)).body;
    const answer = await read('bram');
    expect(answer).toMatchObject({
      planId: plan.id,
      visitId,
      version: plan.currentVersion,
      takesOverFrom: null,
    });
    // Able first, and of those the one Mrs Jansen knows; then those who cannot, each with why.
    expect(answer.candidates.map((candidate: RosterBody) => candidate.caregiverId)).toEqual([
      id('carla'),
      id('anna'),
      id('bram'),
      id('dirk'),
    ]);
    const of = (scenarioId: string) =>
      answer.candidates.find((candidate: RosterBody) => candidate.caregiverId === id(scenarioId));
    expect(of('carla')).toMatchObject({ able: true, reasons: [], start: expect.any(String) });
    expect(of('carla').knownVisits).toBeGreaterThan(0);
    expect(of('anna')).toMatchObject({ able: true, knownVisits: 0 });
    expect(of('bram')).toMatchObject({
      able: false,
      start: null,
      reasons: [
        {
          code: 'skill',
          params: { skills: 'wound-care' },
          message: expect.stringMatching(
            /^Bram( Smit)? does not have the skill wound-care that the visit to Mrs Jansen/,
          ),
        },
      ],
    });
    expect(of('dirk')).toMatchObject({
      able: false,
      reasons: [
        expect.objectContaining({
          code: 'availability',
          params: expect.objectContaining({ start: '09:00' }),
        }),
      ],
    });
    for (const candidate of answer.candidates as RosterBody[])
      for (const reason of candidate.reasons) expect(reason.message).not.toMatch(UUID);
    // Bram's own Claim would not pass (the board does not offer it); Anna's would.
    expect(answer.you).toEqual({ canClaim: false, canOffer: false });
    expect((await read('anna')).you).toEqual({ canClaim: true, canOffer: false });

    // A claim by someone listed as unable is refused, in plain words without ids.
    const refused = expectProblem(
      await member('bram')
        .http.post(`/roster-plans/${plan.id}/claims`)
        .set('If-Match', plan.etag)
        .set('Accept-Language', 'en')
        .send({ visitId }),
      422,
    );
    expect(refused).toMatchObject({ code: 'assignment.missing-skill', rule: 'skill' });
    expect(refused.detail).toMatch(
      /^Bram( Smit)? does not have the skill wound-care that the visit to Mrs Jansen on .+ needs\.$/,
    );
    expect(String(refused.detail)).not.toMatch(UUID);
    expect(refused.violations).toEqual([
      expect.objectContaining({ rule: 'skill', params: { skills: 'wound-care' }, caregiverId: id('bram') }),
    ]);

    // A claim by someone listed as able passes, at the start the list gave.
    const claimed = (
      await member('anna')
        .http.post(`/roster-plans/${plan.id}/claims`)
        .set('If-Match', plan.etag)
        .send({ visitId })
        .expect(200)
    ).body;
    const row = claimed.assignments.find((assignment: RosterBody) => assignment.visitId === visitId);
    expect(row).toMatchObject({ caregiverIds: [id('anna')], start: of('anna').start });
    // The diff leads with caregiver changes: the claimed visit comes first, counted as one.
    const diff = (
      await member('anna')
        .http.get(`/roster-plans/${plan.id}/diff`)
        .query({ from: plan.currentVersion, to: claimed.currentVersion })
        .expect(200)
    ).body;
    expect(diff).toMatchObject({ caregiverChangedCount: 1, timeMovedCount: 0, changedCount: 1 });
    expect(diff.changes[0]).toMatchObject({ visitId, after: { caregiverIds: [id('anna')] } });

    // Now Anna's: the others take her place; she may offer it, since a colleague could take it.
    const after = (
      await member('anna').http.get(`/roster-plans/${plan.id}/visits/${visitId}/candidates`).expect(200)
    ).body;
    expect(after).toMatchObject({ takesOverFrom: id('anna'), you: { canClaim: false, canOffer: true } });
    expect(after.candidates[0]).toMatchObject({ caregiverId: id('carla'), able: true });
    expect(after.candidates.map((candidate: RosterBody) => candidate.caregiverId)).not.toContain(id('anna'));

    // A coordinator reads the list too (and acts on nothing); the read is in the client's access log.
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: team.organisationId });
    const theirs = (
      await coordinator.http.get(`/roster-plans/${plan.id}/visits/${visitId}/candidates`).expect(200)
    ).body;
    expect(theirs.you).toEqual({ canClaim: false, canOffer: false });
    const log = (await coordinator.http.get(`/clients/${theirs.clientId}/access-log`).expect(200)).body;
    expect(log.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: coordinator.user.id,
          route: 'GET /roster-plans/:planId/visits/:visitId/candidates',
          action: 'read',
        }),
      ]),
    );

    // A visit that is not in the plan: 404; a member of another team learns nothing.
    expectProblem(
      await member('anna').http.get(`/roster-plans/${plan.id}/visits/${id('anna')}/candidates`),
      404,
    );
    const other = await negotiatingTeam(api, 24, { caregivers: 2, clients: 2, days: 1 });
    expectProblem(
      await other.members[0].http.get(`/roster-plans/${plan.id}/visits/${visitId}/candidates`),
      404,
    );
  });
});
