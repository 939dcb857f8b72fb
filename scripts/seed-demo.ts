// Creates the demo team through the public API, with the project's own deterministic generator:
// 12 caregivers with weekly availability patterns, ~50 clients with recurring care needs, and
// their visits generated for four weeks. Then, as the people themselves would through the product:
// an account for every caregiver, a family member and a coordinator (by invitation), this week's
// roster plan agreed and published, and next week's plan in review with consents and an objection.
// Run by `npm run demo`; on an existing database it reuses what is there and adds what is missing.
//   npx tsx scripts/seed-demo.ts http://127.0.0.1:3000 [accounts.json]
// The optional second argument is where the demo accounts are written for demo.mjs to print.
import { writeFile } from 'node:fs/promises';
import { clockFromSettings } from '@homecare/common';
import {
  addDays,
  generateScenario,
  isoWeekday,
  localDateOf,
  type RosterKpis,
  type ScenarioDocument,
} from '@homecare/scenario';
import type { Caregiver } from '@homecare/database';
import type { PlanSummaryView, PlanView } from '@homecare/core/negotiation';
import type { SignIn, UserView } from '@homecare/core/auth';

const DEMO_ORGANISATION = 'Demo homecare organisation';
/** The generator's teams are in Amsterdam. */
const DEMO_TIMEZONE = 'Europe/Amsterdam';
const clock = clockFromSettings(process.env);
const baseUrl = process.argv[2] ?? 'http://127.0.0.1:3000';
const accountsFile = process.argv[3];

/** Demo passwords, one per role: printed by `npm run demo`, so only for a local try-out. */
const PASSWORDS = {
  caregiver: 'demo-caregiver-pass',
  family: 'demo-family-pass',
  coordinator: 'demo-coordinator-pass',
} as const;
const FAMILY_EMAIL = 'family@demo.invalid';
const COORDINATOR_EMAIL = 'coordinator@demo.invalid';
// Small on purpose: the demo should be up in a minute or two, and 5 s already covers 98% of visits.
const TIME_LIMIT_MS = 5000;

/** The administrator's; `as` makes a call as someone else (a caregiver acting in the negotiation). */
let authorization = '';

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  options: { as?: string; ifMatch?: string } = {},
): Promise<T> {
  const bearer = options.as ? `Bearer ${options.as}` : authorization;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(bearer ? { authorization: bearer } : {}),
      ...(options.ifMatch ? { 'if-match': options.ifMatch } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The Monday of the current week: the demo always shows this week and the next three. */
function thisMonday(): string {
  // As of the clock the API runs on (CLOCK_NOW when the demo is started as of another day).
  const today = localDateOf(clock.nowMs() / 60_000, DEMO_TIMEZONE);
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
  const signIn = await call<SignIn>('POST', '/auth/login', {
    email: process.env.BOOTSTRAP_ADMIN_EMAIL,
    password: process.env.BOOTSTRAP_ADMIN_PASSWORD,
  });
  authorization = `Bearer ${signIn.accessToken}`;
  const { organisationId, teamId } = await demoTeam();
  const accounts = await demoAccounts(organisationId, teamId);
  const start = thisMonday();
  await publishedPlan(teamId, start, accounts);
  const nextWeek = await planInReview(teamId, addDays(start, 7), accounts);
  // From now on the schedule prepares each week ahead itself (review opening Wednesday 00:00,
  // deadline Friday 17:00 in the team's zone), with what was published and worked as history.
  await call('PATCH', `/teams/${teamId}/planning-settings`, { rollingPlanningEnabled: true });
  console.log('[demo] rolling planning is on: the week after next is prepared on Wednesday');
  if (accountsFile) await writeFile(accountsFile, JSON.stringify(accountsToTry(accounts, nextWeek)));
}

/** The demo team: created the first time, reused afterwards (with visits for the coming weeks). */
async function demoTeam(): Promise<{ organisationId: string; teamId: string }> {
  const organisations = await call<{ items: { id: string; name: string }[] }>(
    'GET',
    '/organisations?limit=200',
  );
  const existing = organisations.items.find((organisation) => organisation.name === DEMO_ORGANISATION);
  if (!existing) return createDemoTeam();
  const teams = await call<{ items: { id: string; name: string }[] }>(
    'GET',
    `/teams?organisationId=${existing.id}`,
  );
  console.log(
    `[demo] demo team exists already: ${teams.items.map((team) => `${team.name} (${team.id})`).join(', ')}`,
  );
  // A rerun in a later week still finds this week and the next ones planned: generation is idempotent.
  const start = thisMonday();
  await call('POST', `/teams/${teams.items[0].id}/visits/generate`, { from: start, to: addDays(start, 27) });
  return { organisationId: existing.id, teamId: teams.items[0].id };
}

async function createDemoTeam(): Promise<{ organisationId: string; teamId: string }> {
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
  return { organisationId: organisation.id, teamId: team.id };
}

// ---- demo accounts, made through the product's own invitations ----

interface DemoCaregiver {
  caregiverId: string;
  firstName: string;
  email: string;
}

interface DemoAccounts {
  /** Caregivers of the team with a demo account (every one, unless someone joined by other means). */
  caregivers: DemoCaregiver[];
  /** Access tokens by caregiver id: from accepting the invitation, or a sign-in when first needed. */
  sessions: Map<string, string>;
}

/** What demo.mjs prints: who to sign in as, and what to try. */
interface AccountToTry {
  role: string;
  email: string;
  password: string;
  tryThis: string;
}

/**
 * Every caregiver of the team gets an account linked to their row, and the organisation a family
 * member (for one client) and a coordinator, each by invitation and acceptance, as people would.
 * Accounts that exist (a rerun) are kept: a linked caregiver row, an email already registered.
 */
async function demoAccounts(organisationId: string, teamId: string): Promise<DemoAccounts> {
  const users = await call<{ items: UserView[] }>('GET', '/users?limit=200');
  const emailOf = new Map(users.items.map((user) => [user.id, user.email]));
  const taken = new Set(users.items.map((user) => user.email));
  const caregivers = await call<{ items: Caregiver[] }>('GET', `/teams/${teamId}/caregivers?limit=200`);
  const accounts: DemoAccounts = { caregivers: [], sessions: new Map() };
  const made: string[] = [];
  const newCaregivers: string[] = [];
  for (const [index, caregiver] of caregivers.items.entries()) {
    if (caregiver.userId) {
      const email = emailOf.get(caregiver.userId);
      // Someone who joined through the web app keeps their own password: the demo never acts for them.
      if (email?.endsWith('@demo.invalid'))
        accounts.caregivers.push({ caregiverId: caregiver.id, firstName: caregiver.firstName, email });
      continue;
    }
    const email = caregiverEmail(caregiver.firstName, index + 1, taken);
    const signIn = await invite(
      { kind: 'caregiver', email, teamId, caregiverId: caregiver.id, firstName: caregiver.firstName },
      PASSWORDS.caregiver,
      `${caregiver.firstName} ${caregiver.lastName}`.trim(),
    );
    accounts.caregivers.push({ caregiverId: caregiver.id, firstName: caregiver.firstName, email });
    accounts.sessions.set(caregiver.id, signIn.accessToken);
    newCaregivers.push(email);
  }
  if (newCaregivers.length > 0)
    made.push(
      `${newCaregivers.length} caregiver(s) linked to their rows (${newCaregivers[0]}` +
        `${newCaregivers.length > 1 ? ` … ${newCaregivers.at(-1)}` : ''})`,
    );
  if (!taken.has(FAMILY_EMAIL)) {
    const clients = await call<{ items: { id: string; name: string }[] }>(
      'GET',
      `/teams/${teamId}/clients?limit=1`,
    );
    await invite(
      {
        kind: 'family',
        email: FAMILY_EMAIL,
        clientId: clients.items[0].id,
        relation: 'daughter',
        firstName: 'Sanne',
      },
      PASSWORDS.family,
      'Sanne',
    );
    made.push(`${FAMILY_EMAIL} (family of ${clients.items[0].name})`);
  }
  if (!taken.has(COORDINATOR_EMAIL)) {
    await invite(
      { kind: 'coordinator', email: COORDINATOR_EMAIL, organisationId, firstName: 'Marloes' },
      PASSWORDS.coordinator,
      'Marloes Visser',
    );
    made.push(COORDINATOR_EMAIL);
  }
  console.log(
    made.length > 0
      ? `[demo] demo accounts made by invitation: ${made.join(', ')}`
      : '[demo] demo accounts exist already',
  );
  return accounts;
}

/** `<firstname>.<n>@demo.invalid` in plain ASCII, n the caregiver's place in the team (or the next free one). */
function caregiverEmail(firstName: string, place: number, taken: Set<string>): string {
  const name =
    firstName
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase() || 'caregiver';
  let number = place;
  while (taken.has(`${name}.${number}@demo.invalid`)) number += 1;
  const email = `${name}.${number}@demo.invalid`;
  taken.add(email);
  return email;
}

async function invite(invitation: Record<string, string>, password: string, name: string): Promise<SignIn> {
  const created = await call<{ token: string }>('POST', '/invitations', invitation);
  return call<SignIn>('POST', `/invitations/${created.token}/accept`, { password, name });
}

/**
 * Members of a plan the demo can act as, in the plan's order, up to `count`: signed in with the
 * demo password when there is no session yet (so a rerun with nothing to do signs nobody in).
 */
async function actingMembers(
  plan: PlanView,
  accounts: DemoAccounts,
  count: number,
): Promise<{ caregiverId: string; name: string; token: string }[]> {
  const acting: { caregiverId: string; name: string; token: string }[] = [];
  for (const member of plan.members) {
    if (acting.length === count) break;
    const account = accounts.caregivers.find((caregiver) => caregiver.caregiverId === member.caregiverId);
    if (account) acting.push({ ...member, token: await sessionOf(accounts, account) });
  }
  return acting;
}

async function sessionOf(accounts: DemoAccounts, caregiver: DemoCaregiver): Promise<string> {
  let token = accounts.sessions.get(caregiver.caregiverId);
  if (!token) {
    const signIn = await call<SignIn>('POST', '/auth/login', {
      email: caregiver.email,
      password: PASSWORDS.caregiver,
    });
    token = signIn.accessToken;
    accounts.sessions.set(caregiver.caregiverId, token);
  }
  return token;
}

// ---- roster plans, negotiated the way the product allows ----

/**
 * The team's latest plan for the week from `periodStart`, started by a member when there is none,
 * with its first proposal computed by the worker through the queue.
 */
async function weekPlan(teamId: string, periodStart: string, accounts: DemoAccounts): Promise<PlanView> {
  const periodEnd = addDays(periodStart, 6);
  const plans = await call<{ items: PlanSummaryView[] }>('GET', `/teams/${teamId}/roster-plans?limit=200`);
  const existing = plans.items.find(
    (plan) => plan.periodStart === periodStart && plan.periodEnd === periodEnd,
  );
  let plan: PlanView;
  if (existing) {
    plan = await call<PlanView>('GET', `/roster-plans/${existing.id}`);
  } else {
    // A self-managed team starts its own plan: the first demo caregiver does (else the administrator).
    const starter = accounts.caregivers[0];
    const token = starter ? await sessionOf(accounts, starter) : undefined;
    plan = await call<PlanView>(
      'POST',
      `/teams/${teamId}/roster-plans`,
      { periodStart, periodEnd, timeLimitMs: TIME_LIMIT_MS },
      { as: token },
    );
  }
  const computation = plan.computation;
  if (computation && (computation.status === 'queued' || computation.status === 'running')) {
    console.log(
      `[demo] roster plan for the week of ${periodStart}: roster ${computation.rosterId} queued for the worker`,
    );
    await finishedRoster(computation.rosterId);
    plan = await call<PlanView>('GET', `/roster-plans/${plan.id}`);
  }
  if (plan.currentVersion === 0)
    throw new Error(
      `the plan for the week of ${periodStart} has no version: ${plan.computation?.failureReason ?? 'its computation failed'}`,
    );
  return plan;
}

/** This week: in review, every member consents, one publishes; so the published roster is real. */
async function publishedPlan(teamId: string, periodStart: string, accounts: DemoAccounts): Promise<void> {
  let plan = await weekPlan(teamId, periodStart, accounts);
  await printKpis(plan);
  // Only a plan that still needs its members signs them in (a rerun usually finds it published).
  const members = ['proposal', 'in-review', 'agreed'].includes(plan.status)
    ? await actingMembers(plan, accounts, plan.members.length)
    : [];
  const write = (action: string, token: string, body?: unknown) =>
    call<PlanView>('POST', `/roster-plans/${plan.id}/${action}`, body, { as: token, ifMatch: plan.etag });
  if (plan.status === 'proposal' && members.length > 0) plan = await write('review', members[0].token, {});
  if (plan.status === 'in-review') {
    const objecting = new Set(plan.objections.map((objection) => objection.caregiverId));
    for (const member of members) {
      const consented = plan.members.find((candidate) => candidate.caregiverId === member.caregiverId);
      if (consented?.consented || objecting.has(member.caregiverId)) continue;
      plan = await write('consents', member.token);
    }
  }
  // Agreement settles on the last consent; a member publishes the agreed version.
  if (plan.status === 'agreed' && members.length > 0) plan = await write('publish', members[0].token);
  const consents = plan.members.filter((member) => member.consented).length;
  console.log(
    `[demo] this week (${plan.periodStart} to ${plan.periodEnd}): plan ${plan.id} ${plan.status}` +
      (plan.status === 'published'
        ? `, version ${plan.publishedVersion}, consented by ${consents} of ${plan.members.length} members`
        : ` (not published: ${plan.objections.length} open objection(s), ${consents} of ${plan.members.length} consented)`),
  );
}

/**
 * Next week: in review with a deadline, two members consented and one objected to a visit with a
 * reason, so the board shows a live negotiation. A plan past its proposal is left as it is: on a
 * rerun it holds whatever people did with it since.
 */
async function planInReview(teamId: string, periodStart: string, accounts: DemoAccounts): Promise<PlanView> {
  let plan = await weekPlan(teamId, periodStart, accounts);
  if (plan.status === 'proposal') {
    const [opener, second, objector] = await actingMembers(plan, accounts, 3);
    const write = (action: string, token: string, body?: unknown) =>
      call<PlanView>('POST', `/roster-plans/${plan.id}/${action}`, body, { as: token, ifMatch: plan.etag });
    // Until the Friday before the week, as a team would ask; a demo started later still gets a day.
    const friday = Date.parse(`${addDays(periodStart, -3)}T16:00:00Z`);
    const reviewDeadline = new Date(Math.max(friday, clock.nowMs() + 24 * 3600 * 1000)).toISOString();
    if (opener) plan = await write('review', opener.token, { reviewDeadline });
    for (const member of [opener, second]) if (member) plan = await write('consents', member.token);
    const visit = objector
      ? plan.assignments
          .filter(
            (assignment) => assignment.startLocal && assignment.caregiverIds.includes(objector.caregiverId),
          )
          .sort((a, b) => a.startLocal!.localeCompare(b.startLocal!))[0]
      : undefined;
    if (objector && visit) {
      const [date, time] = visit.startLocal!.split('T');
      plan = await write('objections', objector.token, {
        visitId: visit.visitId,
        reason: `I'm on a training day on ${WEEKDAYS[isoWeekday(date) - 1]}, so I can't do ${time}. Could someone take it?`,
      });
    }
  }
  const consents = plan.members.filter((member) => member.consented).length;
  const objection = plan.objections[0];
  const objector = plan.members.find((member) => member.caregiverId === objection?.caregiverId);
  console.log(
    `[demo] next week (${plan.periodStart} to ${plan.periodEnd}): plan ${plan.id} ${plan.status}` +
      (plan.reviewDeadline ? ` until ${new Date(plan.reviewDeadline).toISOString()}` : '') +
      `, ${consents} of ${plan.members.length} consented, ${plan.objections.length} open objection(s)` +
      (objection ? ` (${objector?.name ?? 'a member'}: "${objection.reason}")` : ''),
  );
  return plan;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The KPIs of the plan's computed roster, as the demo has always printed them. */
async function printKpis(plan: PlanView): Promise<void> {
  const versions = await call<{ items: { rosterId: string | null }[] }>(
    'GET',
    `/roster-plans/${plan.id}/versions`,
  );
  const rosterId = versions.items.findLast((version) => version.rosterId)?.rosterId;
  if (!rosterId) return;
  const roster = await call<RosterView>('GET', `/rosters/${rosterId}`);
  const k = roster.kpis;
  console.log(
    `[demo] roster ${roster.id} (computed by the worker in ${Math.round(roster.stats.elapsedMs)} ms): ` +
      `${k.assignedVisits}/${k.visits} visits covered (${(k.coverage * 100).toFixed(1)}%), ` +
      `${k.meanDistinctCaregiversPerClient} caregivers per client on average, ${k.travelMinutes} min travel, ` +
      `${roster.unassigned.length} open visits with reasons`,
  );
  console.log(`[demo] see it at GET /rosters/${roster.id} and GET /rosters/${roster.id}/export`);
}

/** Waits for the worker to finish a roster it took off the queue. */
async function finishedRoster(rosterId: string): Promise<RosterView> {
  let roster: RosterView | undefined;
  for (let attempt = 0; attempt < 240; attempt++) {
    roster = await call<RosterView>('GET', `/rosters/${rosterId}`);
    if (roster.status === 'done' || roster.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (roster?.status !== 'done') {
    throw new Error(
      `the roster did not finish: ${roster?.status ?? 'unknown'} ${roster?.failureReason ?? ''}`,
    );
  }
  return roster;
}

/** Two caregivers who have not answered next week's plan yet, so they can consent or object themselves. */
function accountsToTry(accounts: DemoAccounts, nextWeek: PlanView): AccountToTry[] {
  const answered = new Set([
    ...nextWeek.members.filter((member) => member.consented).map((member) => member.caregiverId),
    ...nextWeek.objections.map((objection) => objection.caregiverId),
  ]);
  const open = accounts.caregivers.filter((caregiver) => !answered.has(caregiver.caregiverId));
  const caregivers = (open.length >= 2 ? open : accounts.caregivers).slice(0, 2);
  return [
    {
      role: 'coordinator',
      email: COORDINATOR_EMAIL,
      password: PASSWORDS.coordinator,
      tryThis: "hours: the organisation's timesheets and pay periods; the teams' plans (read only)",
    },
    ...caregivers.map((caregiver) => ({
      role: `caregiver (${caregiver.firstName})`,
      email: caregiver.email,
      password: PASSWORDS.caregiver,
      tryThis: "the team week board: object, claim, consent (next week's plan is in review)",
    })),
    {
      role: 'family',
      email: FAMILY_EMAIL,
      password: PASSWORDS.family,
      tryThis: 'the visit plan of their client (published this week) and its calendar link',
    },
  ];
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
