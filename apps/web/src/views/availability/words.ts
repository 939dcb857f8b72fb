// Names of weekdays and days off in the app's language, and local spans in words.
import { locale, t, type MessageKey } from '../../i18n';
import { shortDay } from '../../lib/format';
import { EXCEPTION_KINDS } from './availability-api';
import { spanShape, type LocalSpan } from './availability-days';

const weekdayFormat = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });

/** "Monday" (Dutch "Maandag", capitalised as it stands alone) for ISO weekday 1 (1 January 2024 was a Monday). */
export function weekdayName(weekday: number): string {
  const name = weekdayInText(weekday);
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

/** "Monday" (Dutch "maandag") for ISO weekday 1, as it is written within a sentence. */
export function weekdayInText(weekday: number): string {
  return weekdayFormat.format(new Date(Date.UTC(2024, 0, weekday)));
}

/** "Leave" for `leave`; a kind this version does not know is shown as the API names it. */
export function kindLabel(kind: string): string {
  return (EXCEPTION_KINDS as readonly string[]).includes(kind)
    ? t(`availability.kind.${kind}` as MessageKey)
    : kind;
}

/** "Mon 7 Dec, 11:00–12:30", "Mon 7 Dec to Fri 11 Dec, all day", … */
export function spanLabel(span: LocalSpan): string {
  const shape = spanShape(span);
  switch (shape.kind) {
    case 'all-day':
      return shape.first === shape.last
        ? t('availability.exceptions.allDay', { first: shortDay(shape.first) })
        : t('availability.exceptions.allDays', { first: shortDay(shape.first), last: shortDay(shape.last) });
    case 'same-day':
      return t('availability.exceptions.sameDay', {
        date: shortDay(shape.date),
        from: shape.from,
        to: shape.to,
      });
    case 'across-days':
      return t('availability.exceptions.acrossDays', {
        startDate: shortDay(shape.startDate),
        from: shape.from,
        endDate: shortDay(shape.endDate),
        to: shape.to,
      });
  }
}
