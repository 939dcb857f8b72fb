import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RosterDocument, ScenarioDocument } from '@homecare/scenario';
import { checkRoster } from './roster-checker';
import { solveRoster } from './roster-solver';
import { SHARED_DIRECTORY, hasReferee, refereeVerdicts } from './scenario.fixtures';

// The team weeks in ../shared/scenarios, solved on a short budget: the referee must accept each roster.

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
