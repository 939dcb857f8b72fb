import { blockOf } from './problem-model';
import type { RosterState, Stop } from './roster-state';

// Re-orders the visits inside one availability interval of one caregiver for the least travel,
// exactly (dynamic programming over subsets) for shifts of up to MAX_VISITS visits.
// Double-ups and pinned visits keep their times: they are anchors the order has to pass through.

const MAX_VISITS = 8;

interface Label {
  travel: number;
  end: number;
  start: number;
  parent: Label | undefined;
  last: number;
}

/** Improves the shift holding `block` in the caregiver's route; returns the travel minutes saved. */
export function resequenceShift(state: RosterState, caregiver: number, block: number): number {
  if (block < 0) return 0;
  const route = state.routes[caregiver];
  const first = route.findIndex((stop) => stop.block === block);
  if (first < 0) return 0;
  let last = first;
  while (last + 1 < route.length && route[last + 1].block === block) last++;
  for (let index = last + 1; index < route.length; index++) if (route[index].block === block) return 0; // not contiguous
  const stops = route.slice(first, last + 1);
  if (stops.length < 3 || stops.length > MAX_VISITS) return 0;
  const model = state.model;
  const movable = stops.map((stop) => !state.fixed[stop.visit] && model.visits[stop.visit].needed === 1);
  if (movable.filter(Boolean).length < 2) return 0;
  const interval = model.caregivers[caregiver].availability[block];
  const before = first > 0 ? route[first - 1] : undefined;
  const after = last + 1 < route.length ? route[last + 1] : undefined;
  const count = stops.length;
  const travel = (from: number, to: number): number => state.travel(caregiver, from, to);
  const lowOf = stops.map((stop, index) =>
    movable[index] ? Math.max(model.visits[stop.visit].earliestStart, interval.start) : stop.start,
  );
  const highOf = stops.map((stop, index) => {
    const visit = model.visits[stop.visit];
    return movable[index] ? Math.min(visit.latestEnd, interval.end) - visit.duration : stop.start;
  });
  const durationOf = stops.map((stop) => stop.end - stop.start);

  let currentTravel = 0;
  for (let index = 1; index < count; index++)
    currentTravel += travel(stops[index - 1].client, stops[index].client);

  // labels[mask * count + last]: the least-travel and the earliest-end way to visit `mask` ending at `last`
  const size = 1 << count;
  const byTravel: (Label | undefined)[] = new Array<Label | undefined>(size * count);
  const byEnd: (Label | undefined)[] = new Array<Label | undefined>(size * count);
  const offer = (mask: number, label: Label): void => {
    const key = mask * count + label.last;
    const cheapest = byTravel[key];
    if (
      !cheapest ||
      label.travel < cheapest.travel ||
      (label.travel === cheapest.travel && label.end < cheapest.end)
    )
      byTravel[key] = label;
    const earliest = byEnd[key];
    if (
      !earliest ||
      label.end < earliest.end ||
      (label.end === earliest.end && label.travel < earliest.travel)
    )
      byEnd[key] = label;
  };
  const extend = (mask: number, from: Label | undefined, next: number): void => {
    const ready = from
      ? from.end + travel(stops[from.last].client, stops[next].client)
      : before
        ? before.end + travel(before.client, stops[next].client)
        : Number.NEGATIVE_INFINITY;
    const start = Math.max(ready, lowOf[next]);
    if (start > highOf[next]) return;
    offer(mask | (1 << next), {
      travel: from ? from.travel + travel(stops[from.last].client, stops[next].client) : 0,
      end: start + durationOf[next],
      start,
      parent: from,
      last: next,
    });
  };
  for (let next = 0; next < count; next++) extend(0, undefined, next);
  for (let mask = 1; mask < size; mask++)
    for (let at = 0; at < count; at++) {
      const key = mask * count + at;
      const labels = [byTravel[key], byEnd[key]];
      if (!labels[0]) continue;
      if (labels[1] === labels[0]) labels.pop();
      for (const label of labels)
        for (let next = 0; next < count; next++)
          if (!(mask & (1 << next)) && label) extend(mask, label, next);
    }
  let best: Label | undefined;
  const full = size - 1;
  for (let at = 0; at < count; at++)
    for (const label of [byTravel[full * count + at], byEnd[full * count + at]]) {
      if (!label) continue;
      if (after && label.end + travel(stops[at].client, after.client) > after.start) continue;
      if (!best || label.travel < best.travel) best = label;
    }
  if (!best || best.travel >= currentTravel) return 0;

  const plan: { stop: Stop; start: number }[] = [];
  for (let label: Label | undefined = best; label; label = label.parent)
    plan.push({ stop: stops[label.last], start: label.start });
  // the referee finds each visit's interval itself: keep only plans where that is still this one
  for (const { stop, start } of plan)
    if (blockOf(model.caregivers[caregiver], start, start + (stop.end - stop.start)) !== block) return 0;
  const moved = plan.filter(({ stop, start }) => movable[stops.indexOf(stop)] && start !== stop.start);
  const reordered = plan.some(({ stop }, index) => stops[count - 1 - index] !== stop);
  if (!reordered && moved.length === 0) return 0;
  const saved = currentTravel - best.travel;
  const snapshot = plan
    .filter(({ stop }) => movable[stops.indexOf(stop)])
    .map(({ stop, start }) => ({
      visit: stop.visit,
      caregivers: state.assigned[stop.visit]!,
      oldStart: stop.start,
      start,
    }));
  for (const entry of snapshot) state.remove(entry.visit);
  for (const entry of snapshot) state.insert(entry.visit, entry.caregivers, entry.start);
  if (!state.withinLimits(caregiver)) {
    for (const entry of snapshot) state.remove(entry.visit);
    for (const entry of snapshot) state.insert(entry.visit, entry.caregivers, entry.oldStart);
    return 0;
  }
  return saved;
}

/** One pass over every shift of every caregiver. */
export function resequenceAllShifts(state: RosterState): number {
  let saved = 0;
  for (let caregiver = 0; caregiver < state.caregiverCount; caregiver++) {
    const blocks = [...new Set(state.routes[caregiver].map((stop) => stop.block))];
    for (const block of blocks) saved += resequenceShift(state, caregiver, block);
  }
  return saved;
}
