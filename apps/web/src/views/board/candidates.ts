// Who could take a visit, as the API computes it (the engine's checker, ranked by continuity), and
// each reason in the person's language from its rule code and params: the API's ids never show.
import { useQuery } from '@tanstack/react-query';
import { api, type components } from '../../api/client';
import { unwrap } from '../../api/problem';
import { hasMessage, t } from '../../i18n';
import { duration } from '../../lib/format';
import { boardKeys, type Plan } from './board-api';

export type VisitCandidates = components['schemas']['VisitCandidatesView'];
export type VisitCandidate = components['schemas']['VisitCandidateView'];

/** A rule the engine found, as the API sends it in candidates and in a refusal's `violations`. */
export interface RuleReason {
  code: string;
  params: Record<string, unknown>;
}

/** Params that count minutes, shown as a duration ("7 h 30 min"). */
const MINUTES = ['minutes', 'limitMinutes', 'restMinutes', 'requiredMinutes'];

/** The reason in plain words, for a known rule; a general sentence for one the app does not know. */
export function reasonText(reason: RuleReason): string {
  const key = `swap.reason.${reason.code}`;
  if (!hasMessage(key)) return t('swap.reason.other');
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.params ?? {})) {
    if (typeof value === 'number') values[name] = MINUTES.includes(name) ? duration(value) : value;
    else if (typeof value === 'string') values[name] = value;
  }
  return t(key, values);
}

/**
 * Who could take the visit, on the plan as it is now: refetched with every new revision (a claim,
 * an objection or an availability change can change the answer).
 */
export function useVisitCandidates(plan: Plan, visitId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...boardKeys.plan(plan.id), 'candidates', visitId, plan.revision, plan.currentVersion],
    queryFn: () =>
      unwrap(
        api.GET('/roster-plans/{planId}/visits/{visitId}/candidates', {
          params: { path: { planId: plan.id, visitId } },
        }),
      ),
    enabled: enabled && plan.currentVersion > 0,
    staleTime: 30_000,
  });
}

/** The `violations` of a refusal (422 assignment.*), when the API gave them. */
export function violationsOf(
  problem: Record<string, unknown>,
): (RuleReason & { caregiverId: string | null })[] {
  const list = problem.violations;
  if (!Array.isArray(list)) return [];
  return list
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      code: typeof entry.rule === 'string' ? entry.rule : '',
      params: (entry.params as Record<string, unknown>) ?? {},
      caregiverId: typeof entry.caregiverId === 'string' ? entry.caregiverId : null,
    }));
}
