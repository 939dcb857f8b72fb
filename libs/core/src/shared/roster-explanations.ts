// How the engine's reasons are stored and shown. A stored explanation line (roster_assignment and
// roster_plan_assignment `explanation`, a roster's unassigned `reason`) is the reason's code and
// parameters as JSON, so that every reader words it in its own language; lines written before the
// codes (plain English) are shown as they are.
import {
  isRosterReason,
  renderRosterReason,
  type RosterReason,
  type RosterReasonCode,
  type RosterReasonParams,
} from '@homecare/scenario';
import type { Language } from './language';

/** A reason as a stored line. */
export const reasonLine = (code: RosterReasonCode, params: RosterReasonParams = {}): string =>
  JSON.stringify({ code, params } satisfies RosterReason);

/** The lines to store of an engine's explanation: its codes when it has them, else its texts. */
export function storedExplanation(texts: string[] | undefined, codes: RosterReason[] | undefined): string[] {
  if (codes && codes.length > 0) return codes.map((reason) => JSON.stringify(reason));
  return texts ?? [];
}

/** The reason of a stored line, when it has one. */
export function reasonOf(line: string): RosterReason | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(line);
    return isRosterReason(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** One stored line in words of the language. */
export function shownLine(line: string, language: Language): string {
  const reason = reasonOf(line);
  return reason ? renderRosterReason(reason, language) : line;
}

/** Stored lines as a person reads them, and the codes of those that have one (for apps that word them). */
export function shownExplanation(
  lines: readonly string[],
  language: Language,
): { explanation: string[]; explanationCodes: RosterReason[] } {
  const explanation: string[] = [];
  const explanationCodes: RosterReason[] = [];
  for (const line of lines) {
    const reason = reasonOf(line);
    explanation.push(reason ? renderRosterReason(reason, language) : line);
    if (reason) explanationCodes.push(reason);
  }
  return { explanation, explanationCodes };
}

/** The line to store of an unassigned visit's reason: its code when it has one, else its text. */
export const storedReason = (text: string, code: RosterReason | undefined): string =>
  code ? JSON.stringify(code) : text;

/** A stored reason as a person reads it, and its code when it has one. */
export function shownReason(line: string, language: Language): { reason: string; reasonCode?: RosterReason } {
  const reason = reasonOf(line);
  return reason ? { reason: renderRosterReason(reason, language), reasonCode: reason } : { reason: line };
}
