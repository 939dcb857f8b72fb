// A team's open invitations, listed for the coordinators who approve and revoke them.
import { DataSource } from 'typeorm';
import { Invitation } from '@homecare/database';
import { createTeam, createTestApp, expectProblem, signInAs, type TestApp, unique } from './support/test-app';

describe('team invitations', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists the open invitations of the team, those waiting for approval first, and drops revoked, accepted and expired ones', async () => {
    const { organisationId, teamId } = await createTeam(api.http);
    const other = await createTeam(api.http);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    const invite = async (http: typeof api.http, firstName: string, team = teamId) =>
      (
        await http
          .post('/invitations')
          .send({ kind: 'caregiver', email: `${unique(firstName)}@homecare.test`, teamId: team, firstName })
          .expect(201)
      ).body as { id: string; token: string; email: string };

    const sent = await invite(coordinator.http, 'Sanne');
    const waiting = await invite(member.http, 'Noor');
    const revoked = await invite(coordinator.http, 'Revoked');
    await coordinator.http.post(`/invitations/${revoked.id}/revoke`).expect(200);
    const accepted = await invite(coordinator.http, 'Accepted');
    await api.anonymous
      .post(`/invitations/${accepted.token}/accept`)
      .send({ password: 'a caregiver password', name: 'Accepted Colleague' })
      .expect(200);
    const expired = await invite(coordinator.http, 'Expired');
    await api.app
      .get(DataSource)
      .getRepository(Invitation)
      .update({ id: expired.id }, { expiresAt: new Date(Date.UTC(2000, 0, 1)) });
    await invite(api.http, 'Elsewhere', other.teamId);

    const list = await coordinator.http.get(`/teams/${teamId}/invitations`).expect(200);
    expect(list.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: waiting.id,
        email: waiting.email,
        firstName: 'Noor',
        teamId,
        approvedAt: null,
        acceptedAt: null,
        revokedAt: null,
        invitedByName: member.user.name,
        expiresAt: expect.any(String),
      }),
      expect.objectContaining({ id: sent.id, firstName: 'Sanne', approvedAt: expect.any(String) }),
    ]);
    // The token is shown once, at creation; the list never has it.
    expect(JSON.stringify(list.body)).not.toContain(sent.token);

    // Approving moves it among the sent ones; a second page and a page past the end keep the total.
    await coordinator.http.post(`/invitations/${waiting.id}/approve`).expect(200);
    const second = await coordinator.http.get(`/teams/${teamId}/invitations?limit=1&offset=1`).expect(200);
    expect(second.body.total).toBe(2);
    expect(second.body.items).toHaveLength(1);
    const past = await coordinator.http.get(`/teams/${teamId}/invitations?offset=5`).expect(200);
    expect(past.body).toMatchObject({ items: [], total: 2 });
  });

  it('refuses members, other organisations, unknown teams and a bad page with a problem', async () => {
    const { teamId } = await createTeam(api.http);
    const member = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    const outsider = await signInAs(api, {
      role: 'coordinator',
      organisationId: (await createTeam(api.http)).organisationId,
    });
    expectProblem(await member.http.get(`/teams/${teamId}/invitations`), 403);
    expectProblem(await outsider.http.get(`/teams/${teamId}/invitations`), 404);
    expectProblem(await api.http.get('/teams/00000000-0000-4000-8000-000000000000/invitations'), 404);
    expectProblem(await api.http.get('/teams/not-a-uuid/invitations'), 400);
    expectProblem(await api.http.get(`/teams/${teamId}/invitations?limit=0`), 400);
  });
});
