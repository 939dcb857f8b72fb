import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  EU_WORKING_TIME_RULES,
  generateScenario,
  type RosterDocument,
  type ScenarioDocument,
} from '@homecare/scenario';
import { checkRoster } from '../roster-checker';
import { coverageUpperBound } from './coverage-bound';
import { greedyChronological } from './greedy-chronological';

const referee = resolve(__dirname, '../../../../..', 'shared', 'tools', 'roster-check.mjs');

function refereeVerdict(
  scenario: ScenarioDocument,
  roster: RosterDocument,
): { ok: boolean; violations: unknown[] } {
  const folder = mkdtempSync(join(tmpdir(), 'greedy-'));
  try {
    writeFileSync(join(folder, 'scenario.json'), JSON.stringify(scenario));
    writeFileSync(join(folder, 'roster.json'), JSON.stringify(roster));
    let output: string;
    try {
      output = execFileSync(
        process.execPath,
        [referee, join(folder, 'scenario.json'), join(folder, 'roster.json'), '--json'],
        {
          encoding: 'utf8',
        },
      );
    } catch (error) {
      // The referee exits 1 on an invalid roster but still prints its verdict.
      output = (error as { stdout: string }).stdout;
    }
    return JSON.parse(output) as { ok: boolean; violations: unknown[] };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('greedyChronological', () => {
  const scenario = generateScenario({ seed: 1, caregivers: 12, clients: 50 });
  const blind = greedyChronological(scenario, { continuityAware: false });
  const aware = greedyChronological(scenario, { continuityAware: true });

  it.each([
    ['continuity-blind', blind],
    ['continuity-aware', aware],
  ])('gives a %s roster that keeps every hard rule', (_label, roster) => {
    const check = checkRoster(scenario, roster);
    expect(check.violations.slice(0, 5)).toEqual([]);
    expect(check.valid).toBe(true);
    expect(roster.assignments.length + roster.unassigned.length).toBe(scenario.visits.length);
    expect(check.kpis.coverage).toBeLessThanOrEqual(coverageUpperBound(scenario).coverage);
    expect(check.kpis.coverage).toBeGreaterThan(0.8);
  });

  (existsSync(referee) ? it : it.skip)('satisfies the independent referee too', () => {
    for (const roster of [blind, aware])
      expect(refereeVerdict(scenario, roster)).toMatchObject({ ok: true, violations: [] });
  });

  it('keeps clients with fewer caregivers when it looks at continuity', () => {
    const blindKpis = checkRoster(scenario, blind).kpis;
    const awareKpis = checkRoster(scenario, aware).kpis;
    expect(awareKpis.meanDistinctCaregiversPerClient).toBeLessThan(blindKpis.meanDistinctCaregiversPerClient);
  });

  it('staffs double-ups with distinct caregivers who start together', () => {
    const doubleUps = new Set(
      scenario.visits.filter((visit) => visit.caregiversNeeded === 2).map((visit) => visit.id),
    );
    const staffed = aware.assignments.filter((assignment) => doubleUps.has(assignment.visitId));
    expect(staffed.length).toBeGreaterThan(0);
    for (const assignment of staffed) expect(new Set(assignment.caregiverIds).size).toBe(2);
  });

  it('keeps pins and gives every unassigned visit a reason', () => {
    const small = generateScenario({ seed: 2, caregivers: 4, clients: 12 });
    const visit = small.visits.find((candidate) =>
      (candidate.requiredSkills ?? []).includes('personal-care'),
    )!;
    const caregiver = small.caregivers.find((candidate) =>
      candidate.availability.some(
        (window) => window.start <= visit.earliestStart && window.end >= visit.latestEnd,
      ),
    );
    if (caregiver) small.pinned = [{ visitId: visit.id, caregiverIds: [caregiver.id] }];
    const roster = greedyChronological(small, { continuityAware: true });
    expect(checkRoster(small, roster).valid).toBe(true);
    if (caregiver) {
      expect(roster.assignments.find((assignment) => assignment.visitId === visit.id)?.caregiverIds).toEqual([
        caregiver.id,
      ]);
    }
    for (const entry of roster.unassigned) expect(entry.reason.length).toBeGreaterThan(20);
  });

  it('stays valid across a daylight-saving week in New York', () => {
    const week = generateScenario({
      seed: 9,
      caregivers: 6,
      clients: 20,
      start: '2026-03-02',
      days: 14,
      timezone: 'America/New_York',
    });
    expect(checkRoster(week, greedyChronological(week, { continuityAware: false })).valid).toBe(true);
  });

  it('keeps the working-time rules over four weeks, by the checker and the referee', () => {
    const month = generateScenario({
      seed: 5,
      caregivers: 10,
      clients: 35,
      days: 28,
      rules: EU_WORKING_TIME_RULES,
    });
    for (const continuityAware of [false, true]) {
      const roster = greedyChronological(month, { continuityAware });
      expect(checkRoster(month, roster).violations).toEqual([]);
      if (existsSync(referee)) expect(refereeVerdict(month, roster).violations).toEqual([]);
    }
  });
});
