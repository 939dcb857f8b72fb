import type { ProblemModel } from './problem-model';

// Each caregiver's working days and weeks as the search sees them: worked minutes per local date and
// per ISO week, and the first start and last end of every working day. It answers, in constant time,
// whether one more visit keeps the hard rules `max-day`, `max-week` (per ISO week), `rest` and
// `consecutive-days`, and if not, which rule it breaks and by how much (for the explanations).

export type RuleBreach =
  | { rule: 'max-week'; worked: number; limit: number; week: string }
  | { rule: 'max-day'; worked: number; limit: number; date: string }
  | {
      rule: 'rest';
      /** minutes of rest the caregiver would have */
      rest: number;
      required: number;
      /** the working day before the rest (its last visit ends at `lastEnd`) */
      earlierDate: string;
      lastEnd: number;
      laterDate: string;
      firstStart: number;
      /** true when the visit would be the late end of the earlier day, false when the early start of the later */
      visitIsEarlier: boolean;
    }
  | { rule: 'consecutive-days'; run: number; limit: number; firstDate: string; lastDate: string };

/** One visit a caregiver would take: its start and end, its day, and the worked minutes it adds where. */
export interface CalendarChange {
  start: number;
  end: number;
  day: number;
  /** minutes added to `day` (the visit and the trip to it) */
  minutes: number;
  /** minutes added to `nextDay` (the trip to the following visit changes) */
  nextDay: number;
  nextMinutes: number;
}

export class WorkCalendar {
  /** caregiver * dayCount + day */
  readonly workedDay: Float64Array;
  readonly firstStart: Float64Array;
  readonly lastEnd: Float64Array;
  readonly visitsOnDay: Int32Array;
  /** caregiver * weekCount + week */
  readonly workedWeek: Float64Array;
  private readonly dayCount: number;
  private readonly weekCount: number;

  constructor(private readonly model: ProblemModel) {
    this.dayCount = model.dayStarts.length;
    this.weekCount = model.weekLabels.length;
    const cells = model.caregivers.length * this.dayCount;
    this.workedDay = new Float64Array(cells);
    this.firstStart = new Float64Array(cells).fill(Number.POSITIVE_INFINITY);
    this.lastEnd = new Float64Array(cells).fill(Number.NEGATIVE_INFINITY);
    this.visitsOnDay = new Int32Array(cells);
    this.workedWeek = new Float64Array(model.caregivers.length * this.weekCount);
  }

  clear(caregiver: number): void {
    const base = caregiver * this.dayCount;
    this.workedDay.fill(0, base, base + this.dayCount);
    this.firstStart.fill(Number.POSITIVE_INFINITY, base, base + this.dayCount);
    this.lastEnd.fill(Number.NEGATIVE_INFINITY, base, base + this.dayCount);
    this.visitsOnDay.fill(0, base, base + this.dayCount);
    const weeks = caregiver * this.weekCount;
    this.workedWeek.fill(0, weeks, weeks + this.weekCount);
  }

  add(caregiver: number, day: number, start: number, end: number, minutes: number): void {
    const cell = caregiver * this.dayCount + day;
    this.workedDay[cell] += minutes;
    this.workedWeek[caregiver * this.weekCount + this.model.weekOfDay[day]] += minutes;
    if (start < this.firstStart[cell]) this.firstStart[cell] = start;
    if (end > this.lastEnd[cell]) this.lastEnd[cell] = end;
    this.visitsOnDay[cell]++;
  }

  worksOn(caregiver: number, day: number): boolean {
    return day >= 0 && day < this.dayCount && this.visitsOnDay[caregiver * this.dayCount + day] > 0;
  }

  weekMinutes(caregiver: number, day: number): number {
    return this.workedWeek[caregiver * this.weekCount + this.model.weekOfDay[day]];
  }

  /**
   * The latest end the last visit of `day` may have so that the rest before the caregiver's next
   * working day holds (infinite when the next date is free or there is no rest rule).
   */
  latestEndForRest(caregiver: number, day: number): number {
    const minRest = this.model.rules.minRestMinutes;
    if (minRest === undefined || !this.worksOn(caregiver, day + 1)) return Number.POSITIVE_INFINITY;
    return this.firstStart[caregiver * this.dayCount + day + 1] - minRest;
  }

  /** The first hard rule one more visit would break, or undefined when it keeps them all. */
  breachOf(caregiver: number, change: CalendarChange): RuleBreach | undefined {
    const model = this.model;
    const limits = model.caregivers[caregiver];
    const base = caregiver * this.dayCount;
    const { day, nextDay } = change;
    // max-day and max-week: the visit's own minutes where it starts, the changed trip after it where that visit starts
    if (Number.isFinite(limits.maxDay)) {
      if (nextDay === day) {
        const total = change.minutes + change.nextMinutes;
        if (total > 0 && this.workedDay[base + day] + total > limits.maxDay)
          return this.dayBreach(caregiver, day, total);
      } else {
        if (this.workedDay[base + day] + change.minutes > limits.maxDay)
          return this.dayBreach(caregiver, day, change.minutes);
        if (
          nextDay >= 0 &&
          change.nextMinutes > 0 &&
          this.workedDay[base + nextDay] + change.nextMinutes > limits.maxDay
        )
          return this.dayBreach(caregiver, nextDay, change.nextMinutes);
      }
    }
    if (Number.isFinite(limits.maxWeek)) {
      const week = model.weekOfDay[day];
      const nextWeek = nextDay >= 0 ? model.weekOfDay[nextDay] : -1;
      if (nextWeek === week) {
        const total = change.minutes + change.nextMinutes;
        if (total > 0 && this.weekMinutes(caregiver, day) + total > limits.maxWeek)
          return this.weekBreach(caregiver, day, total);
      } else {
        if (this.weekMinutes(caregiver, day) + change.minutes > limits.maxWeek)
          return this.weekBreach(caregiver, day, change.minutes);
        if (
          nextWeek >= 0 &&
          change.nextMinutes > 0 &&
          this.weekMinutes(caregiver, nextDay) + change.nextMinutes > limits.maxWeek
        )
          return this.weekBreach(caregiver, nextDay, change.nextMinutes);
      }
    }
    const minRest = model.rules.minRestMinutes;
    if (minRest !== undefined) {
      const cell = base + day;
      if (change.start < this.firstStart[cell] && this.worksOn(caregiver, day - 1)) {
        const rest = change.start - this.lastEnd[cell - 1];
        if (rest < minRest)
          return this.restBreach(day - 1, this.lastEnd[cell - 1], day, change.start, minRest, false);
      }
      if (change.end > this.lastEnd[cell] && this.worksOn(caregiver, day + 1)) {
        const rest = this.firstStart[cell + 1] - change.end;
        if (rest < minRest)
          return this.restBreach(day, change.end, day + 1, this.firstStart[cell + 1], minRest, true);
      }
    }
    const maxDays = model.rules.maxConsecutiveDays;
    if (maxDays !== undefined && !this.worksOn(caregiver, day)) {
      let first = day;
      while (this.worksOn(caregiver, first - 1)) first--;
      let last = day;
      while (this.worksOn(caregiver, last + 1)) last++;
      if (last - first + 1 > maxDays)
        return {
          rule: 'consecutive-days',
          run: last - first + 1,
          limit: maxDays,
          firstDate: model.dayLabels[first],
          lastDate: model.dayLabels[last],
        };
    }
    return undefined;
  }

  /** Whether the caregiver's roster as it stands keeps every working-time rule. */
  keepsRules(caregiver: number): boolean {
    const model = this.model;
    const limits = model.caregivers[caregiver];
    const base = caregiver * this.dayCount;
    const minRest = model.rules.minRestMinutes;
    const maxDays = model.rules.maxConsecutiveDays;
    let run = 0;
    for (let day = 0; day < this.dayCount; day++) {
      const cell = base + day;
      if (this.workedDay[cell] > limits.maxDay) return false;
      if (this.visitsOnDay[cell] === 0) {
        run = 0;
        continue;
      }
      run++;
      if (maxDays !== undefined && run > maxDays) return false;
      if (minRest !== undefined && run > 1 && this.firstStart[cell] - this.lastEnd[cell - 1] < minRest)
        return false;
    }
    if (Number.isFinite(limits.maxWeek)) {
      const weeks = caregiver * this.weekCount;
      for (let week = 0; week < this.weekCount; week++)
        if (this.workedWeek[weeks + week] > limits.maxWeek) return false;
    }
    return true;
  }

  private dayBreach(caregiver: number, day: number, adding: number): RuleBreach {
    return {
      rule: 'max-day',
      worked: this.workedDay[caregiver * this.dayCount + day] + adding,
      limit: this.model.caregivers[caregiver].maxDay,
      date: this.model.dayLabels[day],
    };
  }

  private weekBreach(caregiver: number, day: number, adding: number): RuleBreach {
    return {
      rule: 'max-week',
      worked: this.weekMinutes(caregiver, day) + adding,
      limit: this.model.caregivers[caregiver].maxWeek,
      week: this.model.weekLabels[this.model.weekOfDay[day]],
    };
  }

  private restBreach(
    earlierDay: number,
    lastEnd: number,
    laterDay: number,
    firstStart: number,
    required: number,
    visitIsEarlier: boolean,
  ): RuleBreach {
    return {
      rule: 'rest',
      rest: firstStart - lastEnd,
      required,
      earlierDate: this.model.dayLabels[earlierDay],
      lastEnd,
      laterDate: this.model.dayLabels[laterDay],
      firstStart,
      visitIsEarlier,
    };
  }
}
