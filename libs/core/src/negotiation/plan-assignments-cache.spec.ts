import { reasonLine } from '../shared';
import {
  PlanAssignmentsCache,
  planViewJson,
  rememberJson,
  renderAssignments,
  type AssignmentSource,
} from './plan-assignments-cache';

const ZONE = 'Europe/Amsterdam';
const START = Date.UTC(2026, 11, 7, 7, 30);

const rows: AssignmentSource[] = [
  {
    visitId: 'visit-a',
    clientId: 'client-1',
    caregiverIds: ['anna'],
    startMs: START,
    endMs: START + 45 * 60_000,
    pinned: true,
    explanation: ['nearest caregiver'],
  },
  {
    visitId: 'visit-b',
    clientId: 'client-2',
    caregiverIds: [],
    startMs: null,
    endMs: null,
    pinned: false,
    explanation: [],
  },
];

const lateFlag = { rule: 'availability', caregiverId: 'anna', message: 'Anna is away' };

describe('PlanAssignmentsCache', () => {
  it('shows a row as the plan view did: ISO instants, local start in the team zone, flags from the state', () => {
    const cache = new PlanAssignmentsCache();
    cache.keep('v1', ZONE, rows);
    const rendered = cache.render('v1', JSON.stringify([[['visit-a', [lateFlag]]], null]), 'en');
    expect(rendered.flaggedCount).toBe(1);
    expect(rendered.assignments).toEqual([
      {
        visitId: 'visit-a',
        clientId: 'client-1',
        caregiverIds: ['anna'],
        start: '2026-12-07T07:30:00.000Z',
        end: '2026-12-07T08:15:00.000Z',
        startLocal: '2026-12-07T08:30',
        pinned: true,
        flags: [lateFlag],
        explanation: ['nearest caregiver'],
        explanationCodes: [],
      },
      {
        visitId: 'visit-b',
        clientId: 'client-2',
        caregiverIds: [],
        start: null,
        end: null,
        startLocal: null,
        pinned: false,
        flags: [],
        explanation: [],
        explanationCodes: [],
      },
    ]);
    expect(rendered.json.toString()).toBe(JSON.stringify(rendered.assignments));
  });

  it("words the engine's codes in the reader's language, and keeps each language's rendering apart", () => {
    const cache = new PlanAssignmentsCache();
    const line = reasonLine('knows-client', { count: 3 });
    cache.keep('v1', ZONE, [{ ...rows[0], explanation: [line, 'written before the codes'] }]);
    const dutch = cache.render('v1', '[null,null]', 'nl');
    expect(dutch.assignments[0].explanation).toEqual([
      'kent de cliënt (3 eerdere bezoeken)',
      'written before the codes',
    ]);
    expect(dutch.assignments[0].explanationCodes).toEqual([{ code: 'knows-client', params: { count: 3 } }]);
    const english = cache.render('v1', '[null,null]', 'en');
    expect(english.assignments[0].explanation[0]).toBe('knows the client (3 earlier visits)');
    expect(cache.render('v1', '[null,null]', 'nl').assignments[0].explanation[0]).toBe(
      dutch.assignments[0].explanation[0],
    );
  });

  it('renders again when flags move or a visit is deleted, and not while the state stays', () => {
    const cache = new PlanAssignmentsCache();
    cache.keep('v1', ZONE, rows);
    const quiet = cache.render('v1', '[null,null]', 'en');
    expect(cache.render('v1', '[null,null]', 'en')).toBe(quiet);
    const flagged = cache.render('v1', JSON.stringify([[['visit-b', [lateFlag]]], ['visit-a']]), 'en');
    expect(flagged).not.toBe(quiet);
    expect(flagged.assignments.map((row) => [row.clientId, row.flags.length])).toEqual([
      [null, 0],
      ['client-2', 1],
    ]);
  });

  it('keeps a version for its team zone only', () => {
    const cache = new PlanAssignmentsCache();
    cache.keep('v1', ZONE, rows);
    expect(cache.has('v1', ZONE)).toBe(true);
    expect(cache.has('v1', 'Europe/London')).toBe(false);
    expect(cache.has('v2', ZONE)).toBe(false);
  });

  it('keeps at most its capacity, dropping the least recently read version', () => {
    const cache = new PlanAssignmentsCache(2);
    cache.keep('v1', ZONE, rows);
    cache.keep('v2', ZONE, rows);
    expect(cache.has('v1', ZONE)).toBe(true);
    cache.keep('v3', ZONE, rows);
    expect(cache.size).toBe(2);
    expect(cache.has('v2', ZONE)).toBe(false);
    expect(cache.has('v1', ZONE)).toBe(true);
    expect(cache.has('v3', ZONE)).toBe(true);
  });

  it('hands out frozen rows, so that one answer cannot change the next', () => {
    const rendered = renderAssignments(
      rows.map((row) => ({ ...row, start: null, end: null, startLocal: null })),
      [null, null],
      'en',
    );
    expect(Object.isFrozen(rendered.assignments)).toBe(true);
    expect(() => rendered.assignments[0].caregiverIds.push('bert')).toThrow(TypeError);
  });
});

describe('planViewJson', () => {
  it('gives the bytes JSON.stringify gives, with the assignments copied from their kept JSON', () => {
    const cache = new PlanAssignmentsCache();
    cache.keep('v1', ZONE, rows);
    const rendered = cache.render('v1', JSON.stringify([[['visit-a', [lateFlag]]], null]), 'en');
    const view = {
      id: 'plan',
      etag: '"r3"',
      createdAt: new Date(START),
      reviewDeadline: null,
      members: [{ caregiverId: 'anna', name: 'Anna "A"', consented: true }],
      kpis: { travelMinutes: 12.5 },
      assignments: rememberJson(rendered),
    };
    expect(planViewJson(view).toString()).toBe(JSON.stringify(view));
  });

  it('serialises a view whose assignments were not kept as JSON.stringify does', () => {
    const view = { id: 'plan', assignments: [{ visitId: 'visit-a' }] };
    expect(planViewJson(view).toString()).toBe(JSON.stringify(view));
  });
});
