// An upper bound on coverage: a visit can only be covered when, taken on its own, enough distinct
// caregivers could do it at all (skills, not excluded by the client, an availability interval that
// holds the whole visit inside its window, a contract that allows it). No roster can beat this; the
// gap between a roster and the bound is what better search could still win, at most.

import { parseLocalDateTime, type ScenarioDocument } from '@homecare/scenario';

export interface CoverageBound {
  visits: number;
  /** visits that have enough eligible caregivers in isolation */
  coverableVisits: number;
  /** coverableVisits / visits (1 for an empty scenario) */
  coverage: number;
  uncoverable: Array<{ visitId: string; eligibleCaregivers: number; caregiversNeeded: number }>;
}

export function coverageUpperBound(scenario: ScenarioDocument): CoverageBound {
  const timeZone = scenario.timezone;
  const caregivers = scenario.caregivers.map((caregiver) => ({
    id: caregiver.id,
    skills: new Set(caregiver.skills ?? []),
    longestVisit: Math.min(caregiver.maxMinutesPerWeek ?? Infinity, caregiver.maxMinutesPerDay ?? Infinity),
    blocks: (caregiver.availability ?? []).map((window) => ({
      start: parseLocalDateTime(window.start, timeZone),
      end: parseLocalDateTime(window.end, timeZone),
    })),
  }));
  const excludedBy = new Map(
    scenario.clients.map((client) => [client.id, new Set(client.excludedCaregivers ?? [])]),
  );
  const uncoverable: CoverageBound['uncoverable'] = [];
  for (const visit of scenario.visits) {
    const earliestStart = parseLocalDateTime(visit.earliestStart, timeZone);
    const latestEnd = parseLocalDateTime(visit.latestEnd, timeZone);
    const excluded = excludedBy.get(visit.clientId) ?? new Set<string>();
    const needed = visit.caregiversNeeded ?? 1;
    const eligible = caregivers.filter(
      (caregiver) =>
        !excluded.has(caregiver.id) &&
        visit.durationMinutes <= caregiver.longestVisit &&
        (visit.requiredSkills ?? []).every((skill) => caregiver.skills.has(skill)) &&
        caregiver.blocks.some(
          (block) =>
            Math.max(block.start, earliestStart) + visit.durationMinutes <= Math.min(block.end, latestEnd),
        ),
    ).length;
    if (eligible < needed)
      uncoverable.push({ visitId: visit.id, eligibleCaregivers: eligible, caregiversNeeded: needed });
  }
  const visits = scenario.visits.length;
  const coverableVisits = visits - uncoverable.length;
  return { visits, coverableVisits, coverage: visits ? coverableVisits / visits : 1, uncoverable };
}
