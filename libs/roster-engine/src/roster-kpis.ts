// The roster's KPIs by the spec's formulas (continuity, coverage, fairness, wishes), apart from the
// referee's rule checks because the solver computes them too, from its own slots.
import { parseRosterTime, type RosterKpis, type ScenarioDocument } from '@homecare/scenario';
import { isUnsocialStart, localDateAndHour, minutesInside } from './working-time';

const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** One caregiver on one assigned visit, with the visit's start and end in epoch minutes. */
export interface KpiSlot {
  visitId: string;
  clientId: string;
  caregiverId: string;
  start: number;
  end: number;
}

/** KPIs by the spec's formulas, from (visit, caregiver) slots, worked minutes and paid travel. */
export function computeKpis(
  scenario: ScenarioDocument,
  slots: KpiSlot[],
  workload: Map<string, number>,
  travelMinutes: number,
  hardViolations: number,
): RosterKpis {
  const clients = new Map(scenario.clients.map((client) => [client.id, client]));
  const visits = new Map(scenario.visits.map((visit) => [visit.id, visit]));
  const perClient = new Map<string, Map<string, number>>();
  for (const slot of slots) {
    const counts = perClient.get(slot.clientId) ?? new Map<string, number>();
    counts.set(slot.caregiverId, (counts.get(slot.caregiverId) ?? 0) + 1);
    perClient.set(slot.clientId, counts);
  }
  let distinctSum = 0;
  let distinctMax = 0;
  let slotTotal = 0;
  let primarySlots = 0;
  let preferredSlots = 0;
  let preferredBase = 0;
  let historySlots = 0;
  let historyBase = 0;
  for (const [clientId, counts] of perClient) {
    const client = clients.get(clientId);
    distinctSum += counts.size;
    distinctMax = Math.max(distinctMax, counts.size);
    const values = [...counts.values()];
    slotTotal += values.reduce((sum, count) => sum + count, 0);
    primarySlots += Math.max(...values);
    const preferred = client?.preferredCaregivers ?? [];
    if (preferred.length)
      for (const [caregiverId, count] of counts) {
        preferredBase += count;
        if (preferred.includes(caregiverId)) preferredSlots += count;
      }
    const history = client?.history ?? {};
    if (Object.keys(history).length)
      for (const [caregiverId, count] of counts) {
        historyBase += count;
        if (history[caregiverId]) historySlots += count;
      }
  }
  const totalMinutes = scenario.visits.reduce(
    (sum, visit) => sum + visit.durationMinutes * (visit.caregiversNeeded ?? 1),
    0,
  );
  const assignedIds = new Set(slots.map((slot) => slot.visitId));
  let assignedMinutes = 0;
  for (const id of assignedIds) {
    const visit = visits.get(id)!;
    assignedMinutes += visit.durationMinutes * (visit.caregiversNeeded ?? 1);
  }
  const utilisation = scenario.caregivers
    .filter((caregiver) => caregiver.maxMinutesPerWeek)
    .map((caregiver) => (workload.get(caregiver.id) ?? 0) / caregiver.maxMinutesPerWeek);
  const mean = utilisation.reduce((sum, value) => sum + value, 0) / (utilisation.length || 1);
  const critical = scenario.visits.filter((visit) => visit.priority === 'critical');
  const { avoidMinutes, unsocial } = wishAndUnsocialMinutes(scenario, slots);
  const unsocialShares = scenario.caregivers
    .filter((caregiver) => caregiver.maxMinutesPerWeek)
    .map((caregiver) => (unsocial.get(caregiver.id) ?? 0) / caregiver.maxMinutesPerWeek);
  const unsocialMean = unsocialShares.reduce((sum, value) => sum + value, 0) / (unsocialShares.length || 1);
  return {
    visits: scenario.visits.length,
    assignedVisits: assignedIds.size,
    coverage: round(assignedIds.size / (scenario.visits.length || 1)),
    minuteCoverage: round(assignedMinutes / (totalMinutes || 1)),
    hardViolations,
    clientsServed: perClient.size,
    meanDistinctCaregiversPerClient: round(distinctSum / (perClient.size || 1)),
    maxDistinctCaregiversPerClient: distinctMax,
    primaryShare: round(primarySlots / (slotTotal || 1)),
    preferredShare: preferredBase ? round(preferredSlots / preferredBase) : null,
    historyShare: historyBase ? round(historySlots / historyBase) : null,
    travelMinutes,
    utilisationStdDev: round(
      Math.sqrt(utilisation.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (utilisation.length || 1)),
    ),
    criticalCoverage: critical.length
      ? round(critical.filter((visit) => assignedIds.has(visit.id)).length / critical.length)
      : null,
    avoidWishMinutes: avoidMinutes,
    unsocialStdDev: round(
      Math.sqrt(
        unsocialShares.reduce((sum, value) => sum + (value - unsocialMean) ** 2, 0) /
          (unsocialShares.length || 1),
      ),
    ),
  };
}

/** Minutes inside each slot's caregiver's `avoid` wishes, and visit minutes on weekends or from 18:00. */
function wishAndUnsocialMinutes(
  scenario: ScenarioDocument,
  slots: KpiSlot[],
): { avoidMinutes: number; unsocial: Map<string, number> } {
  const timeZone = scenario.timezone;
  const avoid = new Map<string, { start: number; end: number }[]>();
  for (const caregiver of scenario.caregivers) {
    const windows: { start: number; end: number }[] = [];
    for (const wish of caregiver.wishes ?? []) {
      if (wish.kind !== 'avoid') continue;
      try {
        windows.push({
          start: parseRosterTime(wish.start, timeZone),
          end: parseRosterTime(wish.end, timeZone),
        });
      } catch {
        // a validated scenario has readable wishes; an unreadable one cannot be counted
      }
    }
    if (windows.length) avoid.set(caregiver.id, windows);
  }
  let avoidMinutes = 0;
  const unsocial = new Map<string, number>();
  for (const slot of slots) {
    if (Number.isNaN(slot.start)) continue;
    const windows = avoid.get(slot.caregiverId);
    if (windows) avoidMinutes += minutesInside(slot.start, slot.end, windows);
    const { date, hour } = localDateAndHour(slot.start, timeZone);
    if (isUnsocialStart(date, hour))
      unsocial.set(slot.caregiverId, (unsocial.get(slot.caregiverId) ?? 0) + slot.end - slot.start);
  }
  return { avoidMinutes, unsocial };
}
