// A caregiver's `avoid` or `prefer` wishes as sorted windows in epoch minutes, so the search can ask
// "how many minutes of this visit fall inside them" in O(log n + overlaps) however many wishes a
// four-week period holds. Windows may overlap; each counts, as the referee counts them.

export interface WishWindows {
  starts: Float64Array;
  ends: Float64Array;
  /** running maximum of `ends`: the first window that can reach past a time is found by bisection */
  reach: Float64Array;
}

export const NO_WISHES: WishWindows = {
  starts: new Float64Array(0),
  ends: new Float64Array(0),
  reach: new Float64Array(0),
};

export function wishWindows(windows: { start: number; end: number }[]): WishWindows {
  if (windows.length === 0) return NO_WISHES;
  const sorted = [...windows].sort((first, second) => first.start - second.start);
  const starts = Float64Array.from(sorted, (window) => window.start);
  const ends = Float64Array.from(sorted, (window) => window.end);
  const reach = new Float64Array(sorted.length);
  let furthest = Number.NEGATIVE_INFINITY;
  sorted.forEach((window, index) => {
    furthest = Math.max(furthest, window.end);
    reach[index] = furthest;
  });
  return { starts, ends, reach };
}

/** Minutes of [start, end) inside the windows. */
export function minutesInWishes(wishes: WishWindows, start: number, end: number): number {
  const count = wishes.starts.length;
  if (count === 0) return 0;
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (wishes.reach[middle] <= start) low = middle + 1;
    else high = middle;
  }
  let minutes = 0;
  for (let index = low; index < count && wishes.starts[index] < end; index++)
    minutes += Math.max(0, Math.min(end, wishes.ends[index]) - Math.max(start, wishes.starts[index]));
  return minutes;
}
