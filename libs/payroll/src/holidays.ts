import type { HolidayCalendar, PublicHoliday } from './types';

/**
 * Dutch public holidays 2026 and 2027 (Algemene termijnenwet plus the days most care CAOs pay).
 * Goede Vrijdag and Bevrijdingsdag outside lustrum years (2025, 2030) are optional: a paid
 * holiday only where the collective agreement says so.
 */
export const NL_HOLIDAYS: HolidayCalendar = {
  id: 'NL',
  name: 'Nederland',
  holidays: [
    { date: '2026-01-01', name: 'Nieuwjaarsdag' },
    { date: '2026-04-03', name: 'Goede Vrijdag', optional: true },
    { date: '2026-04-05', name: 'Eerste Paasdag' },
    { date: '2026-04-06', name: 'Tweede Paasdag' },
    { date: '2026-04-27', name: 'Koningsdag' },
    { date: '2026-05-05', name: 'Bevrijdingsdag', optional: true },
    { date: '2026-05-14', name: 'Hemelvaartsdag' },
    { date: '2026-05-24', name: 'Eerste Pinksterdag' },
    { date: '2026-05-25', name: 'Tweede Pinksterdag' },
    { date: '2026-12-25', name: 'Eerste Kerstdag' },
    { date: '2026-12-26', name: 'Tweede Kerstdag' },
    { date: '2027-01-01', name: 'Nieuwjaarsdag' },
    { date: '2027-03-26', name: 'Goede Vrijdag', optional: true },
    { date: '2027-03-28', name: 'Eerste Paasdag' },
    { date: '2027-03-29', name: 'Tweede Paasdag' },
    { date: '2027-04-27', name: 'Koningsdag' },
    { date: '2027-05-05', name: 'Bevrijdingsdag', optional: true },
    { date: '2027-05-06', name: 'Hemelvaartsdag' },
    { date: '2027-05-16', name: 'Eerste Pinksterdag' },
    { date: '2027-05-17', name: 'Tweede Pinksterdag' },
    { date: '2027-12-25', name: 'Eerste Kerstdag' },
    { date: '2027-12-26', name: 'Tweede Kerstdag' },
  ],
};

export const BUILT_IN_HOLIDAY_CALENDARS: Readonly<Record<string, HolidayCalendar>> = { NL: NL_HOLIDAYS };

/** The holidays of one or more calendars (country plus region), optional days only when asked. */
export function holidaysOf(
  calendars: HolidayCalendar | readonly HolidayCalendar[],
  options: { includeOptional?: boolean } = {},
): PublicHoliday[] {
  const list = Array.isArray(calendars)
    ? (calendars as readonly HolidayCalendar[])
    : [calendars as HolidayCalendar];
  const byDate = new Map<string, PublicHoliday>();
  for (const calendar of list) {
    for (const holiday of calendar.holidays) {
      if (holiday.optional && !options.includeOptional) continue;
      if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
