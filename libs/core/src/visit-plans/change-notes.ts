import { formatLocalDateTime } from '@homecare/scenario';
import type { PublishedChange } from '../negotiation';

const MINUTE_MS = 60_000;

/** "Anna", "Anna and Bram", "Anna, Bram and Cees". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * What changed in one published visit since the reader last looked, in plain words, or null when
 * nothing they can see changed: "New caregiver: Anna instead of Bram", "Moved from 08:00 to 08:30".
 * First names only; times are local to the team.
 */
export function changeNote(
  change: PublishedChange,
  firstNames: Map<string, string>,
  timeZone: string,
): string | null {
  const { before, after } = change;
  if (!after) return null;
  if (!before) return 'New in the plan';
  const notes: string[] = [];
  const nameOf = (caregiverId: string) => firstNames.get(caregiverId) ?? 'a colleague';
  const added = after.caregiverIds.filter((id) => !before.caregiverIds.includes(id)).map(nameOf);
  const removed = before.caregiverIds.filter((id) => !after.caregiverIds.includes(id)).map(nameOf);
  if (added.length > 0 && removed.length > 0)
    notes.push(
      `New caregiver${added.length > 1 ? 's' : ''}: ${listNames(added)} instead of ${listNames(removed)}`,
    );
  else if (added.length > 0) notes.push(`Also coming: ${listNames(added)}`);
  else if (removed.length > 0) notes.push(`No longer coming: ${listNames(removed)}`);
  if (before.plannedStart !== after.plannedStart) {
    const local = (iso: string) => formatLocalDateTime(Date.parse(iso) / MINUTE_MS, timeZone);
    const [fromDate, fromTime] = local(before.plannedStart).split('T');
    const [toDate, toTime] = local(after.plannedStart).split('T');
    notes.push(
      fromDate === toDate
        ? `Moved from ${fromTime} to ${toTime}`
        : `Moved from ${fromDate} ${fromTime} to ${toDate} ${toTime}`,
    );
  }
  return notes.length > 0 ? notes.join('; ') : null;
}
