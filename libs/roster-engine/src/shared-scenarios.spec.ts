import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  EU_WORKING_TIME_RULES,
  generateScenario,
  type RosterDocument,
  type ScenarioDocument,
} from '@homecare/scenario';
import { checkRoster } from './roster-checker';
import { solveRoster } from './roster-solver';
import { SHARED_DIRECTORY, hasReferee, refereeVerdicts } from './scenario.fixtures';

// The team weeks in ../shared/scenarios, solved on a short budget: the referee must accept each roster;
// and scenarios of the project's own generator with working-time rules, priorities and wishes, whose
// rosters the engine's checker always judges and the referee too where ../shared is present.

const directory = path.join(SHARED_DIRECTORY, 'scenarios');
const files = existsSync(directory) ? readdirSync(directory).filter((file) => file.endsWith('.json')) : [];

describe('shared scenarios', () => {
  it('has scenarios to check (or ../shared is absent)', () => {
    expect(files.length > 0 || !existsSync(directory)).toBe(true);
  });

  (files.length ? it : it.skip)(
    'solves each shared team week into a roster the referee accepts',
    async () => {
      const cases: { scenario: ScenarioDocument; roster: RosterDocument }[] = [];
      for (const file of files) {
        const scenario = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as ScenarioDocument;
        const result = await solveRoster(scenario, { timeLimitMs: 1200, seed: 1 });
        expect(checkRoster(scenario, result.roster).violations).toEqual([]);
        expect(result.kpis.coverage).toBeGreaterThan(0.75);
        cases.push({ scenario, roster: result.roster });
      }
      if (!hasReferee()) return;
      const verdicts = refereeVerdicts(cases);
      verdicts.forEach((verdict, index) => {
        expect({ file: files[index], ok: verdict.ok, violations: verdict.violations.slice(0, 3) }).toEqual({
          file: files[index],
          ok: true,
          violations: [],
        });
        expect(verdict.kpis).toEqual({ ...cases[index].roster.kpis });
      });
    },
    30_000,
  );
});

describe('generated scenarios with working-time rules, priorities and wishes', () => {
  const scenarios = [
    generateScenario({
      seed: 18,
      caregivers: 8,
      clients: 30,
      rules: EU_WORKING_TIME_RULES,
      priorities: true,
      wishes: true,
    }),
    generateScenario({
      seed: 19,
      caregivers: 5,
      clients: 16,
      days: 21,
      rules: EU_WORKING_TIME_RULES,
      priorities: true,
      wishes: true,
    }),
  ];

  it('solves each into a roster without hard violations, by the checker and (when present) the referee', async () => {
    const cases: { scenario: ScenarioDocument; roster: RosterDocument }[] = [];
    for (const scenario of scenarios) {
      // The generator really wrote what the rules act on.
      expect(scenario.rules).toEqual(EU_WORKING_TIME_RULES);
      expect(scenario.visits.some((visit) => visit.priority === 'critical')).toBe(true);
      expect(scenario.caregivers.some((caregiver) => (caregiver.wishes ?? []).length > 0)).toBe(true);
      const result = await solveRoster(scenario, { timeLimitMs: 1000, seed: 1 });
      expect(checkRoster(scenario, result.roster).violations).toEqual([]);
      expect(result.kpis.criticalCoverage).not.toBeNull();
      cases.push({ scenario, roster: result.roster });
    }
    if (!hasReferee()) {
      console.info(
        "../shared/tools/roster-check.mjs is absent: the engine's own checker judged these rosters",
      );
      return;
    }
    refereeVerdicts(cases).forEach((verdict, index) => {
      expect({ index, ok: verdict.ok, violations: verdict.violations.slice(0, 3) }).toEqual({
        index,
        ok: true,
        violations: [],
      });
      // The referee computes the rule KPIs as the engine does.
      const { criticalCoverage, avoidWishMinutes, unsocialStdDev } = cases[index].roster.kpis ?? {};
      expect(verdict.kpis).toMatchObject({ criticalCoverage, avoidWishMinutes, unsocialStdDev });
    });
  }, 60_000);
});
