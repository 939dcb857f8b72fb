import { en } from './en';

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

/** The catalogue in use; a Dutch one would be chosen here from the browser's language. */
const messages: Messages = en;

/** BCP 47 tag for dates and numbers (en-GB: 24-hour clock and day-month order, as in the Netherlands). */
export const locale = 'en-GB';

/** The text for `key`, with `{name}` placeholders filled from `values`. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
