// The load generator of `npm run bench:load`: a separate process (forked by scripts/bench-load.ts)
// that drives the API with autocannon at fixed rates and answers with what it measured. It keeps
// its state between phases: the plans' ETags and where each member is in their cycle.
//
// Every request is a real one of a real user: a family member reading their client's visit plan,
// a caregiver reading their team's published week or the proposal under review, a caregiver
// replacing their own weekly pattern (two patterns in turn, so every PUT changes it), and a member
// taking part in the review (consent, object, withdraw: each request changes the plan).
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import { performance } from 'node:perf_hooks';

/** Who calls: an access token per user id, replaced before each phase (they expire). */
export interface Tokens {
  [userId: string]: string;
}

export interface LoadData {
  baseUrl: string;
  /** A family member and their client. */
  visitPlans: { userId: string; clientId: string }[];
  /** A caregiver and their team's published roster for a week. */
  rosters: { userId: string; teamId: string; from: string; to: string }[];
  /** A caregiver and their team's plan under review. */
  proposals: { userId: string; planId: string }[];
  /** One lane per plan under review: its members (not the one whose objection keeps it open). */
  consentLanes: {
    planId: string;
    etag: string;
    members: { userId: string; caregiverId: string; visitId: string }[];
  }[];
  /** A caregiver, their own Caregiver row, and the two weekly patterns they switch between. */
  availability: { userId: string; caregiverId: string; patterns: [string, string] }[];
  /** Users for the signed-in floor (`GET /users/me`): what every request pays before its own work. */
  baselineUsers: string[];
}

export type PathName =
  | 'health'
  | 'users-me'
  | 'visit-plan'
  | 'published-roster'
  | 'published-roster-full'
  | 'proposal'
  | 'availability'
  | 'consent';

export interface PathLoad {
  path: PathName;
  rate: number;
  seconds: number;
  connections: number;
}

export interface PathResult {
  path: PathName;
  rate: number;
  seconds: number;
  connections: number;
  completed: number;
  achievedRps: number;
  /** Latency of every answered request, from just before it was written to its last byte (ms). */
  latency: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Answers outside 2xx and 304 (a copy still good is an answer), and answers by status. */
  non2xx: number;
  notModified: number;
  statuses: Record<string, number>;
  /** Connection errors and timeouts (no answer at all). */
  errors: number;
  timeouts: number;
  bytes: number;
  /** For paths that mix kinds of request (the review cycle): the same per kind. */
  kinds?: Record<string, { count: number; p50: number; p95: number; p99: number; non2xx: number }>;
  /** The first few refused answers, for the report. */
  samples: string[];
  /** autocannon's own aggregate, for comparison (its histogram has no p95). */
  autocannon: { p50: number; p99: number; max: number; non2xx: number; errors: number };
}

export type ClientMessage =
  | { type: 'init'; data: LoadData }
  | { type: 'tokens'; tokens: Tokens }
  | { type: 'run'; id: number; loads: PathLoad[] };

export type ClientReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; results: PathResult[] }
  | { type: 'failed'; id: number; message: string };

const percentile = (sorted: number[], fraction: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];

const round = (value: number): number => Math.round(value * 10) / 10;

function summarise(values: number[]): { p50: number; p95: number; p99: number; max: number; mean: number } {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return {
    p50: round(percentile(list, 0.5)),
    p95: round(percentile(list, 0.95)),
    p99: round(percentile(list, 0.99)),
    max: round(list.length ? list[list.length - 1] : 0),
    mean: round(list.length ? list.reduce((sum, value) => sum + value, 0) / list.length : 0),
  };
}

/** What one path records while it runs. */
class Recorder {
  readonly latencies: number[] = [];
  readonly kinds = new Map<string, { latencies: number[]; non2xx: number }>();
  readonly statuses: Record<string, number> = {};
  readonly samples: string[] = [];

  record(kind: string, startedAt: number, status: number, body: string): void {
    const latency = performance.now() - startedAt;
    this.latencies.push(latency);
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    const entry = this.kinds.get(kind) ?? { latencies: [], non2xx: 0 };
    entry.latencies.push(latency);
    if ((status < 200 || status > 299) && status !== 304) {
      entry.non2xx += 1;
      if (this.samples.length < 5) this.samples.push(`${kind} ${status}: ${body.slice(0, 300)}`);
    }
    this.kinds.set(kind, entry);
  }
}

let data: LoadData | undefined;
let tokens: Tokens = {};
const bearer = (userId: string): Record<string, string> => ({ authorization: `Bearer ${tokens[userId]}` });

/** Round-robin over a list, shared by every connection of a path, so that ids spread evenly. */
function cycle<T>(items: T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length];
}

/**
 * A member's place in the review cycle: consent, then object to one of their visits (which takes
 * the consent back), then withdraw that objection; then consent again. Each step is accepted only
 * in that order, so each request is a real change of the plan.
 */
type MemberStep = { next: 'consent' } | { next: 'object' } | { next: 'withdraw'; objectionId: string };

interface ConsentLane {
  planId: string;
  etag: string;
  members: { userId: string; caregiverId: string; visitId: string; step: MemberStep }[];
  turn: number;
  /** A plan takes one write at a time (If-Match): a lane is busy while its request is out. */
  busySince: number | null;
}

interface AvailabilityLane {
  userId: string;
  caregiverId: string;
  patterns: [string, string];
  turn: number;
  busySince: number | null;
}

/** The ETag of each caregiver's copy of a roster, by user and URL. */
const copies = new Map<string, string>();

let consentLanes: ConsentLane[] = [];
let availabilityLanes: AvailabilityLane[] = [];

/**
 * A lane nobody is using. With no more connections than lanes there always is one, unless a
 * request timed out: autocannon then drops the connection and its answer, so the lane that waited
 * longest is taken back.
 */
function freeLane<T extends { busySince: number | null }>(lanes: T[], start: number): T {
  let oldest: T = lanes[start % lanes.length];
  for (let offset = 0; offset < lanes.length; offset++) {
    const lane = lanes[(start + offset) % lanes.length];
    if (lane.busySince === null) {
      oldest = lane;
      break;
    }
    if (lane.busySince < oldest.busySince!) oldest = lane;
  }
  oldest.busySince = performance.now();
  return oldest;
}

/** The request of one path, as autocannon calls it: built right before it is written. */
function requestFor(path: PathName, recorder: Recorder): AutocannonRequest {
  const loadData = data!;
  const timed = (kind: string, context: Record<string, unknown>) => {
    context.kind = kind;
    context.startedAt = performance.now();
  };
  const done = (status: number, body: string, context: Record<string, unknown>) =>
    recorder.record(context.kind as string, context.startedAt as number, status, body);

  switch (path) {
    case 'health':
      return {
        method: 'GET',
        setupRequest: (request, context) => {
          timed(path, context);
          return { ...request, path: '/health' };
        },
        onResponse: done,
      };
    case 'users-me': {
      const next = cycle(loadData.baselineUsers);
      return {
        method: 'GET',
        setupRequest: (request, context) => {
          const userId = next();
          timed(path, context);
          return { ...request, path: '/users/me', headers: bearer(userId) };
        },
        onResponse: done,
      };
    }
    case 'visit-plan': {
      const next = cycle(loadData.visitPlans);
      return {
        method: 'GET',
        setupRequest: (request, context) => {
          const { userId, clientId } = next();
          timed(path, context);
          return { ...request, path: `/clients/${clientId}/visit-plan`, headers: bearer(userId) };
        },
        onResponse: done,
      };
    }
    case 'published-roster':
    case 'published-roster-full': {
      // A caregiver's app keeps its copy of the roster and asks whether it is still the roster
      // (If-None-Match), as a browser does with an ETag; the "full" path asks without a copy.
      const revalidate = path === 'published-roster';
      const next = cycle(loadData.rosters);
      return {
        method: 'GET',
        setupRequest: (request, context) => {
          const { userId, teamId, from, to } = next();
          const url = `/teams/${teamId}/published-roster?from=${from}&to=${to}`;
          const copy = revalidate ? copies.get(`${userId} ${url}`) : undefined;
          context.copy = `${userId} ${url}`;
          timed(copy ? 'revalidated' : 'full', context);
          return {
            ...request,
            path: url,
            headers: { ...bearer(userId), ...(copy ? { 'if-none-match': copy } : {}) },
          };
        },
        onResponse: (status, body, context, headers) => {
          done(status, body, context);
          const etag = headers.etag ?? headers.ETag;
          if (revalidate && status === 200 && typeof etag === 'string')
            copies.set(context.copy as string, etag);
        },
      };
    }
    case 'proposal': {
      const next = cycle(loadData.proposals);
      return {
        method: 'GET',
        setupRequest: (request, context) => {
          const { userId, planId } = next();
          timed(path, context);
          return { ...request, path: `/roster-plans/${planId}`, headers: bearer(userId) };
        },
        onResponse: done,
      };
    }
    case 'availability': {
      let start = 0;
      return {
        method: 'PUT',
        setupRequest: (request, context) => {
          const lane = freeLane(availabilityLanes, start++);
          context.lane = lane;
          timed(path, context);
          return {
            ...request,
            path: `/caregivers/${lane.caregiverId}/availability/pattern`,
            headers: { ...bearer(lane.userId), 'content-type': 'application/json' },
            body: lane.patterns[lane.turn % 2],
          };
        },
        onResponse: (status, body, context) => {
          done(status, body, context);
          const lane = context.lane as AvailabilityLane;
          if (status === 200) lane.turn += 1;
          lane.busySince = null;
        },
      };
    }
    case 'consent': {
      let start = 0;
      return {
        method: 'POST',
        setupRequest: (request, context) => {
          const lane = freeLane(consentLanes, start++);
          const member = lane.members[lane.turn % lane.members.length];
          context.lane = lane;
          context.member = member;
          const base = `/roster-plans/${lane.planId}`;
          const headers = {
            ...bearer(member.userId),
            'if-match': lane.etag,
            'content-type': 'application/json',
          };
          timed(member.step.next, context);
          switch (member.step.next) {
            case 'consent':
              return { ...request, path: `${base}/consents`, headers, body: '{}' };
            case 'object':
              return {
                ...request,
                path: `${base}/objections`,
                headers,
                body: JSON.stringify({ visitId: member.visitId, reason: 'load test: cannot make it' }),
              };
            case 'withdraw':
              return {
                ...request,
                path: `${base}/objections/${member.step.objectionId}/withdraw`,
                headers,
                body: '{}',
              };
          }
        },
        onResponse: (status, body, context, headers) => {
          done(status, body, context);
          const lane = context.lane as ConsentLane;
          const member = context.member as ConsentLane['members'][number];
          // The plan's new revision, from the answer (a 409 names the current one in its body).
          const etag = headers.etag ?? headers.ETag;
          if (typeof etag === 'string') lane.etag = etag;
          else if (status === 409) lane.etag = (JSON.parse(body) as { etag?: string }).etag ?? lane.etag;
          if (status === 200) {
            if (member.step.next === 'consent') member.step = { next: 'object' };
            else if (member.step.next === 'object') {
              const plan = JSON.parse(body) as {
                objections: { id: string; caregiverId: string; visitId: string }[];
              };
              const objection = plan.objections.find(
                (candidate) =>
                  candidate.caregiverId === member.caregiverId && candidate.visitId === member.visitId,
              );
              member.step = objection ? { next: 'withdraw', objectionId: objection.id } : { next: 'consent' };
            } else member.step = { next: 'consent' };
            lane.turn += 1;
          }
          lane.busySince = null;
        },
      };
    }
  }
}

/**
 * One path at a fixed rate. autocannon paces each connection by the second (its quota goes out
 * back to back when the second starts), so the rate is split over several instances started a
 * fraction of a second apart: arrivals spread over the second instead of one burst a second.
 */
async function runPath(load: PathLoad): Promise<PathResult> {
  const recorder = new Recorder();
  // Requests still out when the last phase ended never got their answer: their lanes are free.
  if (load.path === 'availability') for (const lane of availabilityLanes) lane.busySince = null;
  if (load.path === 'consent') await resyncConsentLanes();
  // A lane takes one request at a time, so never more connections than lanes.
  const lanes = { availability: availabilityLanes.length, consent: consentLanes.length }[load.path as string];
  const connections = Math.min(load.connections, lanes ?? load.connections);
  // One request for every instance: they share its round-robin and lanes (autocannon's deep copy of
  // its options keeps the functions themselves).
  const request = requestFor(load.path, recorder);
  const instances = Math.max(1, Math.min(10, connections, Math.floor(load.rate / 10)));
  const results = await Promise.all(
    Array.from({ length: instances }, async (_, index) => {
      const rate = Math.floor(load.rate / instances) + (index < load.rate % instances ? 1 : 0);
      const share = Math.floor(connections / instances) + (index < connections % instances ? 1 : 0);
      await new Promise((resolve) => setTimeout(resolve, (index * 1000) / instances));
      return new Promise<AutocannonResult>((resolve, reject) => {
        autocannon(
          {
            url: data!.baseUrl,
            connections: Math.max(1, share),
            pipelining: 1,
            duration: load.seconds,
            overallRate: rate,
            timeout: 10,
            requests: [request],
            // With a rate, autocannon "corrects" for coordinated omission with an expected interval
            // of ceil(1 / rate) = 1 ms (seconds taken for milliseconds), which invents samples. A
            // server that cannot keep up shows in the achieved rate instead.
            ignoreCoordinatedOmission: true,
            skipAggregateResult: true,
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
      });
    }),
  );
  const aggregate = autocannon.aggregateResult(results, { url: data!.baseUrl });
  const completed = results.reduce((sum, result) => sum + result.totalCompletedRequests, 0);
  const achievedRps = results.reduce(
    (sum, result) => sum + result.totalCompletedRequests / Math.max(result.duration, 0.001),
    0,
  );
  const kinds: PathResult['kinds'] = {};
  if (recorder.kinds.size > 1)
    for (const [kind, entry] of recorder.kinds) {
      const { p50, p95, p99 } = summarise(entry.latencies);
      kinds[kind] = { count: entry.latencies.length, p50, p95, p99, non2xx: entry.non2xx };
    }
  return {
    path: load.path,
    rate: load.rate,
    seconds: load.seconds,
    connections,
    completed,
    achievedRps: round(achievedRps),
    latency: summarise(recorder.latencies),
    non2xx: aggregate.non2xx - (recorder.statuses['304'] ?? 0),
    notModified: recorder.statuses['304'] ?? 0,
    statuses: recorder.statuses,
    errors: aggregate.errors,
    timeouts: aggregate.timeouts,
    bytes: results.reduce((sum, result) => sum + result.totalBytes, 0),
    ...(recorder.kinds.size > 1 ? { kinds } : {}),
    samples: recorder.samples,
    autocannon: {
      p50: aggregate.latency.p50,
      p99: aggregate.latency.p99,
      max: aggregate.latency.max,
      non2xx: aggregate.non2xx,
      errors: aggregate.errors,
    },
  };
}

/**
 * Each plan's ETag and each member's step as the server has them. A phase that ends with requests
 * still out leaves the lanes behind (the answer never came), so every phase starts from the plan.
 */
async function resyncConsentLanes(): Promise<void> {
  for (const lane of consentLanes) {
    const response = await fetch(`${data!.baseUrl}/roster-plans/${lane.planId}`, {
      headers: bearer(lane.members[0].userId),
    });
    if (!response.ok) throw new Error(`GET /roster-plans/${lane.planId}: ${response.status}`);
    const plan = (await response.json()) as {
      etag: string;
      members: { caregiverId: string; consented: boolean }[];
      objections: { id: string; caregiverId: string }[];
    };
    lane.etag = plan.etag;
    lane.busySince = null;
    for (const member of lane.members) {
      const objection = plan.objections.find((candidate) => candidate.caregiverId === member.caregiverId);
      const consented = plan.members.some(
        (candidate) => candidate.caregiverId === member.caregiverId && candidate.consented,
      );
      member.step = objection
        ? { next: 'withdraw', objectionId: objection.id }
        : consented
          ? { next: 'object' }
          : { next: 'consent' };
    }
  }
}

function reply(message: ClientReply): void {
  process.send!(message);
}

process.on('message', (message: ClientMessage) => {
  switch (message.type) {
    case 'init':
      data = message.data;
      consentLanes = data.consentLanes.map((lane) => ({
        planId: lane.planId,
        etag: lane.etag,
        members: lane.members.map((member) => ({ ...member, step: { next: 'consent' } })),
        turn: 0,
        busySince: null,
      }));
      availabilityLanes = data.availability.map((lane) => ({ ...lane, turn: 0, busySince: null }));
      reply({ type: 'ready' });
      return;
    case 'tokens':
      tokens = message.tokens;
      reply({ type: 'ready' });
      return;
    case 'run':
      Promise.all(message.loads.map(runPath)).then(
        (results) => reply({ type: 'result', id: message.id, results }),
        (error: unknown) =>
          reply({
            type: 'failed',
            id: message.id,
            message: error instanceof Error ? error.message : String(error),
          }),
      );
      return;
  }
});

// Stop with the parent: an orphaned load generator would keep hammering whatever listens there.
process.on('disconnect', () => process.exit(0));
