// What a person sees and sets of how they hear of their notifications.
import { NOTIFICATION_KINDS, type NotificationKind } from '@homecare/database';

export class QuietHoursView {
  /** Local time HH:MM in the person's team zone (Europe/Amsterdam when they have no team). */
  start: string;
  /** Local time HH:MM; before `start` means the quiet hours span midnight. */
  end: string;
}

export class NotificationPreferencesView {
  /** The language of the emails. */
  language: 'nl' | 'en';
  /** Email on or off per kind of notification; the feed in the app always has every message. */
  email: Record<NotificationKind, boolean>;
  /** One email a day (07:00 local, or when the quiet hours end) instead of one per message. */
  dailyDigest: boolean;
  /** No email during these hours; what comes in is sent when they end. Null: none. */
  quietHours: QuietHoursView | null;
  /** The zone the times are in. */
  timeZone: string;
}

export const ALL_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS;
