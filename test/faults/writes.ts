// Streams of writes sent while a fault hits, each remembered with what came back, and checked
// against the database afterwards: an acknowledged write is there in full, a refused one is not
// there at all, one whose answer was lost is there in full or not at all. Never half.
import { generateScenario, type ScenarioDocument } from '@homecare/scenario';
import { WEEK } from '../support/rosters';
import { unique } from '../support/unique';
import { describe, type ApiClient, type Outcome } from './http';
import type { Fault } from './ledger';
import type { Stack } from './stack';

/** How the API answered a write, as far as the client can know. */
type Verdict = 'acknowledged' | 'refused' | 'unknown' | 'unexpected';

/** What the database holds of one write. */
type Presence = 'all' | 'none' | 'partial';

/**
 * What a connection closed before any answer says about the write. In general nothing: the API
 * may have committed it just before. When the API stops gracefully it answers every request it
 * has started, so such a connection carried a request the API never read: not done.
 */
export type LostAnswers = 'done-or-not' | 'not-done';

/**
 * 2xx: done. A 503 problem, a 409 the caller must resolve (a stale revision), or no connection at
 * all: refused, so not done. The connection lost before the answer: see LostAnswers. Anything else
 * (a 500, a 4xx for a valid request) is an anomaly in itself.
 */
function verdictOf(outcome: Outcome, lost: LostAnswers = 'done-or-not'): Verdict {
  switch (outcome.kind) {
    case 'answered':
      if (outcome.status >= 200 && outcome.status < 300) return 'acknowledged';
      if (
        (outcome.status === 503 || outcome.status === 409) &&
        outcome.contentType.startsWith('application/problem+json')
      )
        return 'refused';
      return 'unexpected';
    case 'refused':
      return 'refused';
    case 'dropped':
      return lost === 'not-done' ? 'refused' : 'unknown';
    default:
      return 'unknown';
  }
}

export interface Written {
  what: string;
  outcome: Outcome;
  sentAt: number;
  answeredAt: number;
}

/** Counts of verdicts, for the notes. */
export function tally(writes: Written[]): string {
  const counts = new Map<string, number>();
  for (const write of writes) {
    const key = write.outcome.kind === 'answered' ? String(write.outcome.status) : write.outcome.kind;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([key, count]) => `${key} x${count}`)
    .join(', ');
}

/** One write judged against what the database holds of it. */
function judge(fault: Fault, write: Written, presence: Presence, lost: LostAnswers): void {
  const verdict = verdictOf(write.outcome, lost);
  const answer = describe(write.outcome);
  fault.check(verdict !== 'unexpected', () => `${write.what}: unexpected answer ${answer}`);
  fault.check(presence !== 'partial', () => `${write.what}: half-written after ${answer}`);
  if (verdict === 'acknowledged')
    fault.check(presence === 'all', () => `${write.what}: acknowledged (${answer}) but not in the database`);
  if (verdict === 'refused')
    fault.check(presence === 'none', () => `${write.what}: refused (${answer}) but written all the same`);
}

export async function timed(what: string, send: () => Promise<Outcome>): Promise<Written> {
  const sentAt = performance.now();
  const outcome = await send();
  return { what, outcome, sentAt, answeredAt: performance.now() };
}

/** Whole teams imported from scenario documents: one transaction each, so all of a team or nothing. */
export class TeamImports {
  readonly writes: (Written & { name: string; caregivers: number; clients: number; visits: number })[] = [];
  constructor(private seed: number) {}

  async send(client: ApiClient): Promise<Written> {
    const { name, scenario } = this.next({ caregivers: 3, clients: 6, days: 2 });
    return this.record(
      name,
      scenario,
      await timed(`import of team ${name}`, () => client.post('/teams/import', scenario)),
    );
  }

  /** A large import, sent so that `reading` says when the API has started on it (postInFlight). */
  sendInFlight(
    client: ApiClient,
    size: { caregivers: number; clients: number; days: number },
  ): { reading: Promise<void>; written: Promise<Written> } {
    const { name, scenario } = this.next(size);
    const sentAt = performance.now();
    const { reading, outcome } = client.postInFlight('/teams/import', scenario);
    const written = outcome.then((result) =>
      this.record(name, scenario, {
        what: `large import of team ${name}`,
        outcome: result,
        sentAt,
        answeredAt: performance.now(),
      }),
    );
    return { reading, written };
  }

  private next(size: { caregivers: number; clients: number; days: number }): {
    name: string;
    scenario: ScenarioDocument;
  } {
    this.seed += 1;
    const name = unique('faults-import');
    return {
      name,
      scenario: { ...generateScenario({ seed: this.seed, ...size, start: WEEK.periodStart }), name },
    };
  }

  private record(name: string, scenario: ScenarioDocument, written: Written): Written {
    this.writes.push({
      ...written,
      name,
      caregivers: scenario.caregivers.length,
      clients: scenario.clients.length,
      visits: scenario.visits.length,
    });
    return written;
  }

  async verify(fault: Fault, stack: Stack, lost: LostAnswers = 'done-or-not'): Promise<void> {
    for (const write of this.writes) {
      const { rows } = await stack.db.query<{ caregivers: number; clients: number; visits: number }>(
        `SELECT (SELECT count(*) FROM caregiver c WHERE c.team_id = t.id)::int AS caregivers,
                (SELECT count(*) FROM client c WHERE c.team_id = t.id)::int AS clients,
                (SELECT count(*) FROM visit v WHERE v.team_id = t.id)::int AS visits
           FROM team t WHERE t.name = $1`,
        [write.name],
      );
      const whole =
        rows.length === 1 &&
        rows[0].caregivers === write.caregivers &&
        rows[0].clients === write.clients &&
        rows[0].visits === write.visits;
      judge(fault, write, rows.length === 0 ? 'none' : whole ? 'all' : 'partial', lost);
    }
  }
}

/** Caregivers added one at a time, each with a first name of its own. */
export class CaregiverCreations {
  readonly writes: (Written & { firstName: string })[] = [];

  constructor(private readonly teamId: string) {}

  async send(client: ApiClient): Promise<Written> {
    const firstName = unique('faults-caregiver');
    const written = await timed(`caregiver ${firstName}`, () =>
      client.post(`/teams/${this.teamId}/caregivers`, { firstName, maxMinutesPerWeek: 1200 }),
    );
    this.writes.push({ ...written, firstName });
    return written;
  }

  async verify(fault: Fault, stack: Stack, lost: LostAnswers = 'done-or-not'): Promise<void> {
    for (const write of this.writes) {
      const { rows } = await stack.db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM caregiver WHERE first_name = $1',
        [write.firstName],
      );
      judge(fault, write, rows[0].count === 0 ? 'none' : rows[0].count === 1 ? 'all' : 'partial', lost);
    }
  }
}

interface Pattern {
  validFrom: string;
  windows: { weekday: number; start: string; end: string }[];
}

/**
 * One caregiver's weekly pattern replaced again and again, each time by a different one. Writes
 * to one caregiver are sent one after the other, so the pattern in the database must be exactly
 * the last acknowledged one, or a later one whose answer was lost; never a mix.
 */
export class PatternReplacements {
  readonly writes: (Written & { pattern: Pattern })[] = [];
  private count = 0;

  constructor(readonly caregiverId: string) {}

  async send(client: ApiClient): Promise<Written> {
    this.count += 1;
    const day = this.count;
    const pattern: Pattern = {
      // A date of its own marks each write; one or two windows, so a half-done replace shows.
      validFrom: new Date(Date.UTC(2027, 0, 1) + day * 86_400_000).toISOString().slice(0, 10),
      windows: [
        { weekday: (day % 7) + 1, start: '08:00', end: '12:00' },
        ...(day % 2 ? [{ weekday: ((day + 3) % 7) + 1, start: '13:00', end: '17:00' }] : []),
      ],
    };
    const written = await timed(`pattern ${pattern.validFrom} of caregiver ${this.caregiverId}`, () =>
      client.put(`/caregivers/${this.caregiverId}/availability/pattern`, pattern),
    );
    this.writes.push({ ...written, pattern });
    return written;
  }

  async verify(fault: Fault, stack: Stack, lost: LostAnswers = 'done-or-not'): Promise<void> {
    const { rows } = await stack.db.query<{
      weekday: number;
      start: string;
      end: string;
      valid_from: string;
    }>(
      `SELECT weekday, start_time AS start, end_time AS end, valid_from::text AS valid_from
         FROM availability_pattern WHERE caregiver_id = $1`,
      [this.caregiverId],
    );
    const stored = rows
      .map((row) => `${row.valid_from} ${row.weekday} ${row.start}-${row.end}`)
      .sort()
      .join(', ');
    const shown = (pattern: Pattern): string =>
      pattern.windows
        .map((window) => `${pattern.validFrom} ${window.weekday} ${window.start}-${window.end}`)
        .sort()
        .join(', ');
    const storedAt = this.writes.findIndex((write) => shown(write.pattern) === stored);
    const lastAcknowledged = this.writes.findLastIndex(
      (write) => verdictOf(write.outcome) === 'acknowledged',
    );
    const who = `caregiver ${this.caregiverId}`;
    if (
      !fault.check(
        storedAt >= 0,
        () => `${who}: the stored pattern (${stored || 'none'}) is none of the ones sent`,
      )
    )
      return;
    // The last acknowledged pattern stays, unless a later write whose answer was lost replaced it.
    fault.check(
      storedAt === lastAcknowledged ||
        (storedAt > lastAcknowledged && verdictOf(this.writes[storedAt].outcome, lost) === 'unknown'),
      () =>
        `${who}: the database holds ${this.writes[storedAt].what} (${describe(this.writes[storedAt].outcome)}), ` +
        `not the last acknowledged ${this.writes[lastAcknowledged]?.what ?? '(none)'}`,
    );
    for (const write of this.writes)
      fault.check(
        verdictOf(write.outcome) !== 'unexpected',
        () => `${write.what}: unexpected answer ${describe(write.outcome)}`,
      );
  }
}

/**
 * A member pins and unpins one of their visits, each time with the plan's current ETag. A pin is
 * a new version of the whole plan plus an event, in one transaction with the revision's
 * compare-and-set.
 */
export class PinToggles {
  readonly writes: Written[] = [];

  constructor(
    private readonly member: ApiClient,
    readonly caregiverId: string,
    private readonly planId: string,
    private readonly visitId: string,
  ) {}

  /** undefined when the plan could not even be read (nothing was sent). */
  async send(): Promise<Written | undefined> {
    const read = await this.member.get(`/roster-plans/${this.planId}`);
    if (read.kind !== 'answered' || read.status !== 200 || !read.etag) return undefined;
    const { assignments } = read.body as { assignments: { visitId: string; pinned: boolean }[] };
    const pinned = assignments.find((assignment) => assignment.visitId === this.visitId)?.pinned;
    const headers = { 'if-match': read.etag };
    const written = await timed(
      `${pinned ? 'unpin' : 'pin'} of visit ${this.visitId} by ${this.caregiverId}`,
      () =>
        pinned
          ? this.member.call('DELETE', `/roster-plans/${this.planId}/pins/${this.visitId}`, { headers })
          : this.member.post(`/roster-plans/${this.planId}/pins`, { visitId: this.visitId }, { headers }),
    );
    this.writes.push(written);
    return written;
  }

  /**
   * Each member's pin events number their acknowledged pins (plus at most those whose answer was
   * lost), and every version of the plan is whole: as many rows as the first, numbered 1..current.
   */
  static async verify(fault: Fault, stack: Stack, planId: string, toggles: PinToggles[]): Promise<void> {
    for (const toggle of toggles) {
      const verdicts = toggle.writes.map((write) => verdictOf(write.outcome));
      const acknowledged = verdicts.filter((verdict) => verdict === 'acknowledged').length;
      const unknown = verdicts.filter((verdict) => verdict === 'unknown').length;
      const { rows } = await stack.db.query<{ events: number }>(
        `SELECT count(*)::int AS events FROM roster_plan_event
          WHERE plan_id = $1 AND actor_caregiver_id = $2 AND kind IN ('pinned', 'unpinned')`,
        [planId, toggle.caregiverId],
      );
      const events = rows[0].events;
      fault.check(
        events >= acknowledged && events <= acknowledged + unknown,
        () =>
          `member ${toggle.caregiverId}: ${events} pin events for ${acknowledged} acknowledged pins ` +
          `(${unknown} unanswered; answers: ${tally(toggle.writes)})`,
      );
      for (const write of toggle.writes)
        fault.check(
          verdictOf(write.outcome) !== 'unexpected',
          () => `${write.what}: unexpected answer ${describe(write.outcome)}`,
        );
    }
    const { rows: versions } = await stack.db.query<{ number: number; rows: number }>(
      `SELECT v.number, count(a.id)::int AS rows
         FROM roster_plan_version v LEFT JOIN roster_plan_assignment a ON a.version_id = v.id
        WHERE v.plan_id = $1 GROUP BY v.number ORDER BY v.number`,
      [planId],
    );
    const { rows: plans } = await stack.db.query<{ current_version: number }>(
      'SELECT current_version FROM roster_plan WHERE id = $1',
      [planId],
    );
    fault.check(
      versions.every((version, index) => version.number === index + 1 && version.rows === versions[0].rows) &&
        versions.length === plans[0].current_version,
      () =>
        `plan ${planId}: versions ${versions.map((version) => `${version.number}:${version.rows} rows`).join(', ')}, ` +
        `current version ${plans[0].current_version}`,
    );
  }
}

/** A stream of writes of one kind, sent one after the other. */
export interface WriteStream {
  name: string;
  writes: Written[];
  send: () => Promise<unknown>;
}

const REFUSED_PAUSE_MS = 200;

/** Several write streams running side by side until stopped, with a short pause between writes. */
export class WriteLoad {
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    readonly streams: WriteStream[],
    private readonly pauseMs = 20,
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.streams.map(async (stream) => {
      while (this.running) {
        await stream.send();
        // A client that cannot connect waits a little before it tries again.
        const refused = stream.writes.at(-1)?.outcome.kind === 'refused';
        await new Promise((resolve) => setTimeout(resolve, refused ? REFUSED_PAUSE_MS : this.pauseMs));
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Whether every stream had `count` writes acknowledged that were sent after `since`, in time. */
  async acknowledgedSince(since: number, count: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    const done = (): boolean =>
      this.streams.every(
        (stream) =>
          stream.writes.filter(
            (write) => write.sentAt >= since && verdictOf(write.outcome) === 'acknowledged',
          ).length >= count,
      );
    while (!done()) {
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return true;
  }
}
