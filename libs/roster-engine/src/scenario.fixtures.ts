import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  RosterDocument,
  ScenarioCaregiver,
  ScenarioClient,
  ScenarioDocument,
  ScenarioVisit,
} from '@homecare/scenario';

// Small hand-made scenarios for the engine's tests, and access to the shared referee when present.

/** ../shared beside the checkout (CI has it there too). */
export const SHARED_DIRECTORY = path.resolve(__dirname, '../../../../shared');
export const REFEREE_PATH = path.join(SHARED_DIRECTORY, 'tools', 'roster-check.mjs');
export const hasReferee = (): boolean => existsSync(REFEREE_PATH);

export function caregiver(id: string, overrides: Partial<ScenarioCaregiver> = {}): ScenarioCaregiver {
  return {
    id,
    name: id === 'cg-a' ? 'Anna' : id === 'cg-b' ? 'Bram' : id === 'cg-c' ? 'Carla' : undefined,
    skills: ['personal-care'],
    maxMinutesPerWeek: 2400,
    maxMinutesPerDay: 600,
    availability: [{ start: '2026-11-23T08:00', end: '2026-11-23T17:00' }],
    ...overrides,
  };
}

export function client(id: string, overrides: Partial<ScenarioClient> = {}): ScenarioClient {
  return {
    id,
    name: `Client ${id}`,
    location: { lat: 52.36, lon: 4.9 },
    preferredCaregivers: [],
    excludedCaregivers: [],
    history: {},
    ...overrides,
  };
}

export function visit(
  id: string,
  clientId: string,
  earliestStart: string,
  latestEnd: string,
  durationMinutes: number,
  overrides: Partial<ScenarioVisit> = {},
): ScenarioVisit {
  return {
    id,
    clientId,
    earliestStart,
    latestEnd,
    durationMinutes,
    requiredSkills: ['personal-care'],
    caregiversNeeded: 1,
    ...overrides,
  };
}

export function scenarioOf(
  parts: Partial<ScenarioDocument> & Pick<ScenarioDocument, 'caregivers' | 'clients' | 'visits'>,
): ScenarioDocument {
  return {
    format: 'homecare-scenario/v1',
    name: 'test',
    timezone: 'Europe/Amsterdam',
    period: { start: '2026-11-23', end: '2026-11-29' },
    travel: { speedKmh: 15, detourFactor: 1.3 },
    pinned: [],
    ...parts,
  };
}

export interface RefereeVerdict {
  ok: boolean;
  kpis: Record<string, unknown>;
  violations: { rule: string; msg: string }[];
}

/** Runs the shared referee on each (scenario, roster) pair; one temporary directory per batch. */
export function refereeVerdicts(
  cases: { scenario: ScenarioDocument; roster: RosterDocument }[],
): RefereeVerdict[] {
  const directory = mkdtempSync(path.join(tmpdir(), 'roster-engine-'));
  try {
    return cases.map((entry, index) => {
      const scenarioPath = path.join(directory, `scenario-${index}.json`);
      const rosterPath = path.join(directory, `roster-${index}.json`);
      writeFileSync(scenarioPath, JSON.stringify(entry.scenario));
      writeFileSync(rosterPath, JSON.stringify(entry.roster));
      let output: string;
      try {
        output = execFileSync(process.execPath, [REFEREE_PATH, scenarioPath, rosterPath, '--json'], {
          encoding: 'utf8',
        });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? '');
      }
      if (!output) throw new Error(`the referee gave no verdict on case ${index}`);
      return JSON.parse(output) as RefereeVerdict;
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
