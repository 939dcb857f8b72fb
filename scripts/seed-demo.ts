// Creates the demo team through the public API, with the project's own deterministic generator:
// 12 caregivers with weekly availability patterns, ~50 clients with recurring care needs, and
// their visits generated for four weeks. Run by `npm run demo`; does nothing when the demo
// organisation exists already.
//   npx tsx scripts/seed-demo.ts http://127.0.0.1:3000
import {
  addDays,
  generateScenario,
  isoWeekday,
  type RosterKpis,
  type ScenarioDocument,
} from '@homecare/scenario';

const DEMO_ORGANISATION = 'Demo homecare organisation';
const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';

let authorization = '';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(authorization ? { authorization } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The Monday of the current week: the demo always shows this week and the next three. */
function thisMonday(): string {
  const today = new Date().toISOString().slice(0, 10);
  return addDays(today, 1 - isoWeekday(today));
}

const hhmm = (local: string): string => local.slice(11, 16);

/** A client's week of visits, folded back into recurring care needs (same window, length and skills). */
function careNeedsOf(scenario: ScenarioDocument, clientId: string) {
  const needs = new Map<
    string,
    {
      weekdays: Set<number>;
      windowStart: string;
      windowEnd: string;
      durationMinutes: number;
      requiredSkills: string[];
      caregiversNeeded: number;
    }
  >();
  for (const visit of scenario.visits.filter((candidate) => candidate.clientId === clientId)) {
    const key = [
      hhmm(visit.earliestStart),
      hhmm(visit.latestEnd),
      visit.durationMinutes,
      (visit.requiredSkills ?? []).join('+'),
      visit.caregiversNeeded ?? 1,
    ].join('|');
    const need = needs.get(key) ?? {
      weekdays: new Set<number>(),
      windowStart: hhmm(visit.earliestStart),
      windowEnd: hhmm(visit.latestEnd),
      durationMinutes: visit.durationMinutes,
      requiredSkills: visit.requiredSkills ?? [],
      caregiversNeeded: visit.caregiversNeeded ?? 1,
    };
    need.weekdays.add(isoWeekday(visit.earliestStart.slice(0, 10)));
    needs.set(key, need);
  }
  return [...needs.values()];
}

const describe = (skills: string[], start: string): string => {
  const part = start < '11:00' ? 'morning' : start < '16:00' ? 'daytime' : 'evening';
  return `${part} ${skills.includes('nursing') ? 'nursing' : skills.includes('medication') ? 'medication' : 'care'}`;
};

async function main(): Promise<void> {
  // Every route needs a signed-in caller: the administrator demo.mjs configured.
  const signIn = await call<{ accessToken: string }>('POST', '/auth/login', {
    email: process.env.BOOTSTRAP_ADMIN_EMAIL,
    password: process.env.BOOTSTRAP_ADMIN_PASSWORD,
  });
  authorization = `Bearer ${signIn.accessToken}`;
  const organisations = await call<{ items: { id: string; name: string }[] }>(
    'GET',
    '/organisations?limit=200',
  );
  if (organisations.items.some((organisation) => organisation.name === DEMO_ORGANISATION)) {
    const existing = organisations.items.find((organisation) => organisation.name === DEMO_ORGANISATION)!;
    const teams = await call<{ items: { id: string; name: string }[] }>(
      'GET',
      `/teams?organisationId=${existing.id}`,
    );
    console.log(
      `[demo] demo team exists already: ${teams.items.map((team) => `${team.name} (${team.id})`).join(', ')}`,
    );
    await preview(teams.items[0].id);
    return;
  }

  const start = thisMonday();
  const scenario = generateScenario({
    seed: 2026,
    caregivers: 12,
    clients: 50,
    start,
    days: 7,
    name: 'Team Oost',
  });
  const organisation = await call<{ id: string }>('POST', '/organisations', { name: DEMO_ORGANISATION });
  const team = await call<{ id: string }>('POST', '/teams', {
    organisationId: organisation.id,
    name: 'Team Oost',
    timezone: scenario.timezone,
    travelSpeedKmh: scenario.travel?.speedKmh ?? 15,
    travelDetourFactor: scenario.travel?.detourFactor ?? 1.3,
  });

  const caregiverIds = new Map<string, string>();
  for (const caregiver of scenario.caregivers) {
    const [firstName, ...rest] = (caregiver.name ?? caregiver.id).split(' ');
    const created = await call<{ id: string }>('POST', `/teams/${team.id}/caregivers`, {
      firstName,
      lastName: rest.join(' '),
      skills: caregiver.skills,
      maxMinutesPerWeek: caregiver.maxMinutesPerWeek,
      ...(caregiver.maxMinutesPerDay ? { maxMinutesPerDay: caregiver.maxMinutesPerDay } : {}),
    });
    caregiverIds.set(caregiver.id, created.id);
    // The generated week becomes the caregiver's own weekly pattern.
    const windows = caregiver.availability.map((window) => ({
      weekday: isoWeekday(window.start.slice(0, 10)),
      start: hhmm(window.start),
      end: hhmm(window.end),
    }));
    await call('PUT', `/caregivers/${created.id}/availability/pattern`, { validFrom: start, windows });
  }

  let careNeeds = 0;
  for (const client of scenario.clients) {
    const created = await call<{ id: string }>('POST', `/teams/${team.id}/clients`, {
      name: client.name ?? client.id,
      address: typeof client.address === 'string' ? client.address : '',
      latitude: client.location.lat,
      longitude: client.location.lon,
      preferredCaregiverIds: (client.preferredCaregivers ?? []).map((id) => caregiverIds.get(id)),
      excludedCaregiverIds: (client.excludedCaregivers ?? []).map((id) => caregiverIds.get(id)),
    });
    const history = Object.entries(client.history ?? {}).map(([caregiverId, visits]) => ({
      caregiverId: caregiverIds.get(caregiverId),
      visits,
    }));
    if (history.length > 0) await call('PUT', `/clients/${created.id}/history`, { entries: history });
    for (const need of careNeedsOf(scenario, client.id)) {
      await call('POST', `/clients/${created.id}/care-needs`, {
        description: describe(need.requiredSkills, need.windowStart),
        weekdays: [...need.weekdays].sort(),
        windowStart: need.windowStart,
        windowEnd: need.windowEnd,
        durationMinutes: need.durationMinutes,
        requiredSkills: need.requiredSkills,
        caregiversNeeded: need.caregiversNeeded,
        startsOn: start,
      });
      careNeeds += 1;
    }
  }
  const generated = await call<Record<string, number>>('POST', `/teams/${team.id}/visits/generate`, {
    from: start,
    to: addDays(start, 27),
  });
  console.log(
    `[demo] created team "Team Oost" (${team.id}): ${scenario.caregivers.length} caregivers, ${scenario.clients.length} clients, ` +
      `${careNeeds} care needs, ${generated.created} visits over four weeks from ${start}`,
  );
  await preview(team.id);
}

/** Runs the engine on this week of the demo team, exported through the API, and prints its KPIs. */
async function preview(teamId: string): Promise<void> {
  const start = thisMonday();
  // Through the product itself: the API records the request, the worker computes it off the queue.
  const request = await call<{ rosterId: string; jobId: string }>('POST', `/teams/${teamId}/rosters`, {
    periodStart: start,
    periodEnd: addDays(start, 6),
    timeLimitMs: 5000,
  });
  console.log(`[demo] roster requested for the week of ${start}: job ${request.jobId}`);
  let roster: RosterView | undefined;
  for (let attempt = 0; attempt < 240; attempt++) {
    roster = await call<RosterView>('GET', `/rosters/${request.rosterId}`);
    if (roster.status === 'done' || roster.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (roster?.status !== 'done') {
    throw new Error(
      `the roster did not finish: ${roster?.status ?? 'unknown'} ${roster?.failureReason ?? ''}`,
    );
  }
  const k = roster.kpis;
  console.log(
    `[demo] roster ${roster.id} (computed by the worker in ${Math.round(roster.stats.elapsedMs)} ms): ` +
      `${k.assignedVisits}/${k.visits} visits covered (${(k.coverage * 100).toFixed(1)}%), ` +
      `${k.meanDistinctCaregiversPerClient} caregivers per client on average, ${k.travelMinutes} min travel, ` +
      `${roster.unassigned.length} open visits with reasons`,
  );
  console.log(`[demo] see it at GET /rosters/${roster.id} and GET /rosters/${roster.id}/export`);
}

interface RosterView {
  id: string;
  status: string;
  failureReason: string | null;
  kpis: RosterKpis;
  stats: { elapsedMs: number };
  unassigned: unknown[];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
