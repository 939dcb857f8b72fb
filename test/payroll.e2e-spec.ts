import type TestAgent from 'supertest/lib/agent';
import { generateScenario, travelKmBetween, travelMinutesBetween, type LatLon } from '@homecare/scenario';
import { PAYROLL_CSV_COLUMNS } from '@homecare/payroll';
import { createTestApp, expectProblem, signInAs, unique, type TestApp } from './support/test-app';
import { ensureBuilt, startWorker, workerStarted, type ChildApp } from './support/processes';
import { publishFirstProposal } from './support/negotiation';
import type { RosterBody } from './support/rosters';
import { dayOf, weekFromNow } from './support/clock';

jest.setTimeout(180_000);

// A week that is over (check-ins are never in the future), paid weekly from its Monday.
/** Three weeks ago, as of the clock: worked, checked in and over; the week after it is over too. */
const WEEK = weekFromNow(-3);
const NEXT_WEEK = dayOf(WEEK, 7);
const MINUTE_MS = 60_000;

interface Member {
  caregiverId: string;
  http: TestAgent;
}

interface PublishedVisit {
  visitId: string;
  clientId: string;
  caregiverIds: string[];
  plannedStart: string;
  plannedEnd: string;
}

const shifted = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();
const epochMinutes = (iso: string) => Math.floor(Date.parse(iso) / MINUTE_MS);

/** RFC 4180: quoted cells with doubled quotes and line breaks, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      record.push(cell);
      cell = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      index++;
    } else cell += character;
  }
  if (cell !== '' || record.length > 0) records.push([...record, cell]);
  return records;
}

describe('hours and payroll: from check-ins to a locked, exported period', () => {
  let api: TestApp;
  let worker: ChildApp;

  beforeAll(async () => {
    ensureBuilt();
    api = await createTestApp();
    worker = startWorker();
    await workerStarted(worker);
  }, 240_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
  });

  /** A small generated team, imported, its caregivers signed in, its week negotiated and published. */
  async function publishedTeam(seed: number) {
    const scenario = {
      ...generateScenario({ seed, caregivers: 4, clients: 8, days: 2, start: WEEK.periodStart }),
      name: unique('payroll-team'),
    };
    const imported = await api.http.post('/teams/import').send(scenario).expect(201);
    const teamId = imported.body.teamId as string;
    const organisationId = imported.body.organisationId as string;
    const members: Member[] = [];
    for (const caregiverId of Object.values(imported.body.ids.caregivers as Record<string, string>)) {
      const signedIn = await signInAs(api, { role: 'caregiver', caregiverIds: [caregiverId] });
      members.push({ caregiverId, http: signedIn.http });
    }
    await publishFirstProposal(members, teamId, WEEK);
    const roster = await api.http
      .get(`/teams/${teamId}/published-roster`)
      .query({ from: WEEK.periodStart, to: WEEK.periodEnd })
      .expect(200);
    const visits = roster.body.visits as PublishedVisit[];
    const member = (caregiverId: string) =>
      members.find((candidate) => candidate.caregiverId === caregiverId)!;
    return { teamId, organisationId, members, member, visits };
  }

  it('checks in and out, corrects, computes, approves, locks, exports, and pays a late correction as an adjustment', async () => {
    const team = await publishedTeam(31);
    const { organisationId, visits } = team;
    expect(visits.length).toBeGreaterThan(4);
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId });
    await coordinator.http
      .put(`/organisations/${organisationId}/payroll-settings`)
      .send({ frequency: 'weekly', anchorDate: WEEK.periodStart })
      .expect(200);

    // Who checks in to what: one visit late, one missed (no check-in), one corrected, the rest on time.
    const [lateVisit, missedVisit, correctedVisit] = visits;
    const checkIns = new Map<string, string>(); // `${caregiverId}:${visitId}` -> check-in id
    for (const [index, visit] of visits.entries()) {
      if (visit === missedVisit) continue;
      for (const caregiverId of visit.caregiverIds) {
        const { http } = team.member(caregiverId);
        const delay = visit === lateVisit ? 25 : visit === correctedVisit ? 0 : index % 4;
        const checkedIn = await http
          .post(`/visits/${visit.visitId}/check-in`)
          .send({ at: shifted(visit.plannedStart, delay), location: { latitude: 52.37, longitude: 4.89 } })
          .expect(201);
        expect(checkedIn.body).toMatchObject({ visitId: visit.visitId, caregiverId, checkedOutAt: null });
        checkIns.set(`${caregiverId}:${visit.visitId}`, checkedIn.body.id);
        await http
          .post(`/visits/${visit.visitId}/check-out`)
          .send({ at: shifted(visit.plannedEnd, delay) })
          .expect(200);
      }
    }
    const correctedCaregiver = team.member(correctedVisit.caregiverIds[0]);
    const correctedCheckIn = checkIns.get(`${correctedCaregiver.caregiverId}:${correctedVisit.visitId}`)!;
    expectProblem(
      await correctedCaregiver.http
        .post(`/check-ins/${correctedCheckIn}/corrections`)
        .send({ field: 'checkedOutAt', value: shifted(correctedVisit.plannedEnd, 10), reason: '' }),
      400,
    );
    const corrected = await correctedCaregiver.http
      .post(`/check-ins/${correctedCheckIn}/corrections`)
      .send({
        field: 'checkedOutAt',
        value: shifted(correctedVisit.plannedEnd, 10),
        reason: 'Client needed help with medication',
      })
      .expect(201);
    expect(corrected.body.correction).toMatchObject({
      field: 'checkedOutAt',
      originalValue: new Date(correctedVisit.plannedEnd).toISOString(),
      correctedValue: shifted(correctedVisit.plannedEnd, 10),
      reason: 'Client needed help with medication',
    });
    // The recorded value stays; the effective one is the correction's.
    expect(corrected.body.checkedOutAt).toBe(new Date(correctedVisit.plannedEnd).toISOString());
    expect(corrected.body.effective.checkedOutAt).toBe(shifted(correctedVisit.plannedEnd, 10));
    expect(corrected.body.payroll).toMatchObject({ state: 'open', adjustment: null });

    // Timesheets as the coordinator sees them: lines by hour type, flags.
    const sheets = await coordinator.http
      .get(`/pay-periods/${WEEK.periodStart}/timesheets`)
      .query({ organisationId, limit: 200 })
      .expect(200);
    expect(sheets.body).toMatchObject({
      source: 'computed',
      period: { state: 'open', id: `${dayOf(WEEK, 0)}/${dayOf(WEEK, 6)}` },
    });
    expect(sheets.body.items).toHaveLength(team.members.length);
    const all = sheets.body.items as RosterBody[];
    const flags = all.flatMap((sheet) => sheet.flags as RosterBody[]);
    expect(flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'late', visitId: lateVisit.visitId, minutesLate: 25 }),
        expect.objectContaining({ kind: 'missed', visitId: missedVisit.visitId, reason: 'no-check-in' }),
      ]),
    );
    const lines = all.flatMap((sheet) => sheet.lines as RosterBody[]);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ hourType: 'visit', source: 'planned', visitIds: [missedVisit.visitId] }),
        expect.objectContaining({
          hourType: 'visit',
          source: 'corrected',
          visitIds: [correctedVisit.visitId],
        }),
        expect.objectContaining({ hourType: 'visit', source: 'actual' }),
      ]),
    );

    // A caregiver reads their own timesheet only; a family member nothing.
    const [first, second] = team.members;
    const own = await first.http
      .get(`/pay-periods/${WEEK.periodStart}/timesheets`)
      .query({ organisationId })
      .expect(200);
    expect(own.body.items.map((sheet: RosterBody) => sheet.caregiverId)).toEqual([first.caregiverId]);
    expectProblem(
      await first.http
        .get(`/pay-periods/${WEEK.periodStart}/timesheets`)
        .query({ organisationId, caregiverId: second.caregiverId }),
      404,
    );
    const family = await signInAs(api, { role: 'family', clientIds: [lateVisit.clientId] });
    expectProblem(
      await family.http.get(`/pay-periods/${WEEK.periodStart}/timesheets`).query({ organisationId }),
      403,
    );
    expectProblem(
      await coordinator.http.get(`/pay-periods/${dayOf(WEEK, 1)}/timesheets`).query({ organisationId }),
      404,
    );

    // Approve, then lock (not the other way round); the period can no longer move.
    expectProblem(
      await coordinator.http.post(`/pay-periods/${WEEK.periodStart}/lock`).query({ organisationId }),
      409,
    );
    const approved = await coordinator.http
      .post(`/pay-periods/${WEEK.periodStart}/approve`)
      .query({ organisationId })
      .expect(200);
    expect(approved.body).toMatchObject({ state: 'approved', approvedAt: expect.any(String) });
    const locked = await coordinator.http
      .post(`/pay-periods/${WEEK.periodStart}/lock`)
      .query({ organisationId })
      .expect(200);
    expect(locked.body).toMatchObject({ state: 'locked', lockedAt: expect.any(String) });
    expectProblem(
      await coordinator.http
        .put(`/organisations/${organisationId}/payroll-settings`)
        .send({ frequency: 'monthly', anchorDate: '2026-01-01' }),
      409,
    );
    const periods = await coordinator.http
      .get(`/organisations/${organisationId}/pay-periods`)
      .query({ from: dayOf(WEEK, -7), to: dayOf(WEEK, 13) })
      .expect(200);
    expect(periods.body.items.map((period: RosterBody) => [period.key, period.state])).toEqual([
      [dayOf(WEEK, -7), 'open'],
      [dayOf(WEEK, 0), 'locked'],
      [dayOf(WEEK, 7), 'open'],
    ]);

    // The CSV: the documented columns, and totals that an independent recomputation reproduces.
    const csv = await coordinator.http
      .get(`/pay-periods/${WEEK.periodStart}/export.csv`)
      .query({ organisationId })
      .buffer(true)
      .parse((response, callback) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => callback(null, text));
      })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const text = csv.body as string;
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(PAYROLL_CSV_COLUMNS.map((column) => column.name));
    const column = (name: string) => header.indexOf(name);
    const sumOf = (caregiverId: string, hourType: string, field: 'minutes' | 'kilometres') =>
      rows
        .filter((row) => row[column('caregiver_id')] === caregiverId && row[column('hour_type')] === hourType)
        .reduce((total, row) => total + Number(row[column(field)]), 0);
    const expected = await independentTotals(
      team,
      checkIns,
      correctedCheckIn,
      shifted(correctedVisit.plannedEnd, 10),
    );
    for (const member of team.members) {
      const mine = expected.get(member.caregiverId)!;
      expect({
        caregiverId: member.caregiverId,
        visit: sumOf(member.caregiverId, 'visit', 'minutes'),
        travel: sumOf(member.caregiverId, 'travel', 'minutes'),
      }).toEqual({ caregiverId: member.caregiverId, visit: mine.visitMinutes, travel: mine.travelMinutes });
      expect(sumOf(member.caregiverId, 'travel', 'kilometres')).toBeCloseTo(mine.kilometres, 2);
    }
    // Not a vacuous match: the week has paid travel and kilometres to reconcile.
    expect([...expected.values()].reduce((total, totals) => total + totals.travelMinutes, 0)).toBeGreaterThan(
      0,
    );
    const json = await coordinator.http
      .get(`/pay-periods/${WEEK.periodStart}/export.json`)
      .query({ organisationId })
      .expect(200);
    expect(json.body).toHaveLength(rows.length);

    // After locking: a correction is accepted, the locked period stays as it was, and the
    // difference is paid in the next open period as adjustment lines.
    const lockedBefore = await coordinator.http
      .get(`/pay-periods/${WEEK.periodStart}/timesheets`)
      .query({ organisationId, limit: 200 })
      .expect(200);
    expect(lockedBefore.body.source).toBe('locked');
    const lateCaregiver = lateVisit.caregiverIds[0];
    const lateCheckIn = checkIns.get(`${lateCaregiver}:${lateVisit.visitId}`)!;
    const afterLock = await coordinator.http
      .post(`/check-ins/${lateCheckIn}/corrections`)
      .send({
        field: 'checkedInAt',
        value: shifted(lateVisit.plannedStart, -5),
        reason: 'Arrived early, app offline',
      })
      .expect(201);
    expect(afterLock.body.payroll).toMatchObject({
      periodId: `${dayOf(WEEK, 0)}/${dayOf(WEEK, 6)}`,
      state: 'locked',
      adjustment: {
        periodId: `${dayOf(WEEK, 7)}/${dayOf(WEEK, 13)}`,
        adjustsPeriodId: `${dayOf(WEEK, 0)}/${dayOf(WEEK, 6)}`,
      },
    });
    const visitAdjustment = (afterLock.body.payroll.adjustment.lines as RosterBody[]).find(
      (line) => line.adjusts.hourType === 'visit',
    )!;
    expect(visitAdjustment).toMatchObject({
      hourType: 'adjustment',
      minutes: 30,
      visitIds: [lateVisit.visitId],
    });
    const lockedAfter = await coordinator.http
      .get(`/pay-periods/${WEEK.periodStart}/timesheets`)
      .query({ organisationId, limit: 200 })
      .expect(200);
    expect(lockedAfter.body.items).toEqual(lockedBefore.body.items);

    // A second correction of the same visit pays only the new difference.
    const again = await coordinator.http
      .post(`/check-ins/${lateCheckIn}/corrections`)
      .send({
        field: 'checkedInAt',
        value: shifted(lateVisit.plannedStart, -15),
        reason: 'Even earlier, per client log',
      })
      .expect(201);
    expect(
      (again.body.payroll.adjustment.lines as RosterBody[]).find((line) => line.adjusts.hourType === 'visit'),
    ).toMatchObject({ minutes: 10 });

    const next = await coordinator.http
      .get(`/pay-periods/${NEXT_WEEK}/timesheets`)
      .query({ organisationId, caregiverId: lateCaregiver })
      .expect(200);
    const carried = (next.body.items[0].lines as RosterBody[]).filter(
      (line) => line.hourType === 'adjustment' && line.adjusts.hourType === 'visit',
    );
    expect(carried.reduce((total, line) => total + line.minutes, 0)).toBe(40);
    const nextCsv = await coordinator.http
      .get(`/pay-periods/${NEXT_WEEK}/export.csv`)
      .query({ organisationId })
      .expect(200);
    expect(nextCsv.text).toMatch(/,adjustment,/);
    expect(nextCsv.text).toContain(`${dayOf(WEEK, 0)}/${dayOf(WEEK, 6)}`);
  });

  it('refuses check-ins that are not the caller’s, out of bounds or twice', async () => {
    const team = await publishedTeam(32);
    const [visit] = team.visits;
    const assigned = team.member(visit.caregiverIds[0]);
    const colleague = team.members.find((member) => !visit.caregiverIds.includes(member.caregiverId))!;
    // A colleague's visit: they can see it, it is not theirs (403).
    expectProblem(
      await colleague.http.post(`/visits/${visit.visitId}/check-in`).send({ at: visit.plannedStart }),
      403,
    );
    // A caregiver of another team does not even see it (404).
    const stranger = await signInAs(api, {
      role: 'caregiver',
      teamIds: [
        (
          await api.http
            .post('/teams')
            .send({ organisationId: team.organisationId, name: unique('team'), timezone: 'Europe/Amsterdam' })
            .expect(201)
        ).body.id,
      ],
    });
    expectProblem(
      await stranger.http.post(`/visits/${visit.visitId}/check-in`).send({ at: visit.plannedStart }),
      404,
    );
    const coordinator = await signInAs(api, { role: 'coordinator', organisationId: team.organisationId });
    expectProblem(
      await coordinator.http.post(`/visits/${visit.visitId}/check-in`).send({ at: visit.plannedStart }),
      403,
    );
    // Sane bounds: not 12 h away from the plan, not in the future, out after in.
    expectProblem(
      await assigned.http
        .post(`/visits/${visit.visitId}/check-in`)
        .send({ at: shifted(visit.plannedStart, 13 * 60) }),
      400,
    );
    expectProblem(
      await assigned.http.post(`/visits/${visit.visitId}/check-out`).send({ at: visit.plannedEnd }),
      409,
    );
    const first = await assigned.http
      .post(`/visits/${visit.visitId}/check-in`)
      .send({ at: visit.plannedStart })
      .expect(201);
    // The same tap sent again (a phone that lost the answer) is the same check-in; another time is refused.
    const again = await assigned.http
      .post(`/visits/${visit.visitId}/check-in`)
      .send({ at: visit.plannedStart })
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    expectProblem(
      await assigned.http
        .post(`/visits/${visit.visitId}/check-in`)
        .send({ at: shifted(visit.plannedStart, 5) }),
      409,
    );
    expectProblem(
      await assigned.http
        .post(`/visits/${visit.visitId}/check-out`)
        .send({ at: shifted(visit.plannedStart, -1) }),
      400,
    );
    const checkedOut = await assigned.http
      .post(`/visits/${visit.visitId}/check-out`)
      .send({ at: visit.plannedEnd })
      .expect(200);
    // A colleague may not correct it (not found to them); a correction must keep out after in.
    expectProblem(
      await colleague.http
        .post(`/check-ins/${checkedOut.body.id}/corrections`)
        .send({ field: 'checkedInAt', value: visit.plannedStart, reason: 'mine now' }),
      404,
    );
    expectProblem(
      await assigned.http
        .post(`/check-ins/${checkedOut.body.id}/corrections`)
        .send({ field: 'checkedInAt', value: shifted(visit.plannedEnd, 1), reason: 'typo' }),
      400,
    );
  });

  /**
   * Visit and travel minutes per caregiver, recomputed without the library: effective times from
   * the check-ins (the one correction applied), shifts from the expanded availability, and travel
   * between consecutive visits of one shift by the spec's formula, capped by the gap.
   */
  async function independentTotals(
    team: Awaited<ReturnType<typeof publishedTeam>>,
    checkIns: Map<string, string>,
    correctedCheckIn: string,
    correctedOut: string,
  ): Promise<Map<string, { visitMinutes: number; travelMinutes: number; kilometres: number }>> {
    const teamBody = (await api.http.get(`/teams/${team.teamId}`).expect(200)).body;
    const locations = new Map<string, LatLon>();
    for (const clientId of new Set(team.visits.map((visit) => visit.clientId))) {
      const client = (await api.http.get(`/clients/${clientId}`).expect(200)).body;
      locations.set(clientId, { lat: client.latitude, lon: client.longitude });
    }
    const result = new Map<string, { visitMinutes: number; travelMinutes: number; kilometres: number }>();
    for (const member of team.members) {
      const caregiver = (await api.http.get(`/caregivers/${member.caregiverId}`).expect(200)).body;
      const speed = caregiver.travelSpeedKmh ?? teamBody.travelSpeedKmh;
      const availability = (
        await api.http
          .get(`/caregivers/${member.caregiverId}/availability`)
          .query({ from: dayOf(WEEK, -1), to: WEEK.periodEnd })
          .expect(200)
      ).body;
      const windows = availability.windows as RosterBody[];
      const worked = team.visits
        .filter((visit) => visit.caregiverIds.includes(member.caregiverId))
        .map((visit) => {
          const checkInId = checkIns.get(`${member.caregiverId}:${visit.visitId}`);
          // The check-ins were made at planned + delay (see above); read them back from the server.
          return { visit, checkInId };
        });
      const entries: { start: number; end: number; shift: string; location: LatLon }[] = [];
      for (const { visit, checkInId } of worked) {
        let start = epochMinutes(visit.plannedStart);
        let end = epochMinutes(visit.plannedEnd);
        if (checkInId) {
          const row = await checkInTimes(checkInId);
          start = epochMinutes(row.in);
          end = epochMinutes(checkInId === correctedCheckIn ? correctedOut : row.out);
        }
        const window = windows.find(
          (candidate) =>
            Date.parse(candidate.startsAt) <= Date.parse(visit.plannedStart) &&
            Date.parse(candidate.endsAt) >= Date.parse(visit.plannedEnd),
        );
        entries.push({
          start,
          end,
          shift: window ? window.startsAt : `visit:${visit.visitId}`,
          location: locations.get(visit.clientId)!,
        });
      }
      let visitMinutes = 0;
      let travelMinutes = 0;
      let metres = 0;
      const byShift = new Map<string, typeof entries>();
      for (const entry of entries) byShift.set(entry.shift, [...(byShift.get(entry.shift) ?? []), entry]);
      for (const list of byShift.values()) {
        list.sort((a, b) => a.start - b.start);
        list.forEach((entry, index) => {
          visitMinutes += entry.end - entry.start;
          if (index === 0) return;
          const previous = list[index - 1];
          const gap = Math.max(0, entry.start - previous.end);
          travelMinutes += Math.min(
            travelMinutesBetween(previous.location, entry.location, speed, teamBody.travelDetourFactor),
            gap,
          );
          metres += Math.round(
            travelKmBetween(previous.location, entry.location, teamBody.travelDetourFactor) * 1000,
          );
        });
      }
      result.set(member.caregiverId, { visitMinutes, travelMinutes, kilometres: metres / 1000 });
    }
    return result;
  }

  async function checkInTimes(checkInId: string): Promise<{ in: string; out: string }> {
    const { DataSource } = await import('typeorm');
    const [row] = await api.app
      .get(DataSource)
      .query<{ checked_in_at: Date; checked_out_at: Date }[]>(
        'SELECT checked_in_at, checked_out_at FROM visit_check_in WHERE id = $1',
        [checkInId],
      );
    return { in: row.checked_in_at.toISOString(), out: row.checked_out_at.toISOString() };
  }
});
