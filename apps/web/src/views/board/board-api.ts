// The board's server state: queries and the plan's writes. Every write sends If-Match with the
// plan's ETag; its answer is the plan as it now is, which replaces the cached one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type components } from '../../api/client';
import { problemOf, unwrap } from '../../api/problem';
import { t } from '../../i18n';

type Schemas = components['schemas'];
export type Plan = Schemas['PlanView'];
export type PlanAssignment = Schemas['PlanAssignmentView'];
export type PlanVersionSummary = Schemas['PlanVersionSummaryView'];

export type TeamCaregiver = Schemas['Caregiver'];
export type TeamClient = Schemas['Client'];

export const boardKeys = {
  team: (teamId: string) => ['team', teamId] as const,
  caregivers: (teamId: string) => ['team', teamId, 'caregivers'] as const,
  clients: (teamId: string) => ['team', teamId, 'clients'] as const,
  plans: (teamId: string) => ['team', teamId, 'roster-plans'] as const,
  plan: (planId: string) => ['roster-plan', planId] as const,
  versions: (planId: string) => ['roster-plan', planId, 'versions'] as const,
  version: (planId: string, number: number) => ['roster-plan', planId, 'versions', number] as const,
  diff: (planId: string, from: number, to: number) => ['roster-plan', planId, 'diff', from, to] as const,
};

export function useTeam(teamId: string) {
  return useQuery({
    queryKey: boardKeys.team(teamId),
    queryFn: () => unwrap(api.GET('/teams/{teamId}', { params: { path: { teamId } } })),
    staleTime: 5 * 60_000,
  });
}

export function useTeamCaregivers(teamId: string) {
  return useQuery({
    queryKey: boardKeys.caregivers(teamId),
    queryFn: () =>
      unwrap(
        api.GET('/teams/{teamId}/caregivers', {
          params: { path: { teamId }, query: { limit: 200, offset: 0 } },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

export function useTeamClients(teamId: string) {
  return useQuery({
    queryKey: boardKeys.clients(teamId),
    queryFn: () =>
      unwrap(
        api.GET('/teams/{teamId}/clients', {
          params: { path: { teamId }, query: { limit: 200, offset: 0 } },
        }),
      ),
    staleTime: 5 * 60_000,
  });
}

export function usePlans(teamId: string) {
  return useQuery({
    queryKey: boardKeys.plans(teamId),
    queryFn: () =>
      unwrap(
        api.GET('/teams/{teamId}/roster-plans', {
          params: { path: { teamId }, query: { limit: 20, offset: 0 } },
        }),
      ),
  });
}

const COMPUTING = ['queued', 'running'];
export const isComputing = (plan: Plan | undefined): boolean =>
  plan?.computation !== null &&
  plan?.computation !== undefined &&
  COMPUTING.includes(plan.computation.status);

/**
 * The plan, kept fresh: every 2 s while a computation runs (besides the progress stream); else,
 * while the plan's change stream is open (`live`), it says when to read again and a poll every
 * minute is only a safety net; without it, every 15 s, so a colleague's change still shows.
 */
export function usePlan(planId: string | undefined, live = false) {
  return useQuery({
    queryKey: boardKeys.plan(planId ?? ''),
    queryFn: () => unwrap(api.GET('/roster-plans/{planId}', { params: { path: { planId: planId! } } })),
    enabled: planId !== undefined,
    refetchInterval: (query) => (isComputing(query.state.data) ? 2_000 : live ? 60_000 : 15_000),
  });
}

export function useVersions(planId: string | undefined, currentVersion: number | undefined) {
  return useQuery({
    // The current version number is part of the key: a new version refetches the list.
    queryKey: [...boardKeys.versions(planId ?? ''), currentVersion ?? 0],
    queryFn: () =>
      unwrap(api.GET('/roster-plans/{planId}/versions', { params: { path: { planId: planId! } } })),
    enabled: planId !== undefined && (currentVersion ?? 0) > 0,
  });
}

export function useVersion(planId: string | undefined, number: number | undefined) {
  return useQuery({
    queryKey: boardKeys.version(planId ?? '', number ?? 0),
    queryFn: () =>
      unwrap(
        api.GET('/roster-plans/{planId}/versions/{number}', {
          params: { path: { planId: planId!, number: number! } },
        }),
      ),
    enabled: planId !== undefined && number !== undefined,
    staleTime: Infinity, // a stored version never changes
  });
}

export function useDiff(planId: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: boardKeys.diff(planId, from ?? 0, to ?? 0),
    queryFn: () =>
      unwrap(
        api.GET('/roster-plans/{planId}/diff', {
          params: { path: { planId }, query: { from: from!, to: to! } },
        }),
      ),
    enabled: from !== undefined && to !== undefined,
    staleTime: Infinity,
  });
}

/** Every write a member makes on the board, as one tagged union. */
export type PlanAction =
  | { kind: 'review' }
  | { kind: 'consent' }
  | { kind: 'object'; visitId: string; reason: string }
  | { kind: 'withdraw-objection'; objectionId: string }
  | { kind: 'pin'; visitId: string }
  | { kind: 'unpin'; visitId: string }
  | { kind: 'claim'; visitId: string }
  | { kind: 'offer'; visitId: string; toCaregiverId?: string; note?: string }
  | { kind: 'accept-offer'; offerId: string }
  | { kind: 'decline-offer'; offerId: string }
  | { kind: 'recompute' }
  | { kind: 'publish' };

/** What a member is told when the API accepted their write. */
export function doneMessage(kind: PlanAction['kind']): string {
  return t(`board.done.${kind}`);
}

function send(plan: Plan, action: PlanAction): Promise<Plan> {
  const path = { planId: plan.id };
  const header = { 'If-Match': plan.etag };
  switch (action.kind) {
    case 'review':
      return unwrap(api.POST('/roster-plans/{planId}/review', { params: { path, header }, body: {} }));
    case 'consent':
      return unwrap(api.POST('/roster-plans/{planId}/consents', { params: { path, header } }));
    case 'object':
      return unwrap(
        api.POST('/roster-plans/{planId}/objections', {
          params: { path, header },
          body: { visitId: action.visitId, reason: action.reason },
        }),
      );
    case 'withdraw-objection':
      return unwrap(
        api.POST('/roster-plans/{planId}/objections/{objectionId}/withdraw', {
          params: { path: { ...path, objectionId: action.objectionId }, header },
        }),
      );
    case 'pin':
      return unwrap(
        api.POST('/roster-plans/{planId}/pins', {
          params: { path, header },
          body: { visitId: action.visitId },
        }),
      );
    case 'unpin':
      return unwrap(
        api.DELETE('/roster-plans/{planId}/pins/{visitId}', {
          params: { path: { ...path, visitId: action.visitId }, header },
        }),
      );
    case 'claim':
      return unwrap(
        api.POST('/roster-plans/{planId}/claims', {
          params: { path, header },
          body: { visitId: action.visitId },
        }),
      );
    case 'offer':
      return unwrap(
        api.POST('/roster-plans/{planId}/offers', {
          params: { path, header },
          body: {
            visitId: action.visitId,
            ...(action.toCaregiverId ? { toCaregiverId: action.toCaregiverId } : {}),
            ...(action.note ? { note: action.note } : {}),
          },
        }),
      );
    case 'accept-offer':
      return unwrap(
        api.POST('/roster-plans/{planId}/offers/{offerId}/accept', {
          params: { path: { ...path, offerId: action.offerId }, header },
        }),
      );
    case 'decline-offer':
      return unwrap(
        api.POST('/roster-plans/{planId}/offers/{offerId}/decline', {
          params: { path: { ...path, offerId: action.offerId }, header },
        }),
      );
    case 'recompute':
      return unwrap(api.POST('/roster-plans/{planId}/recomputes', { params: { path, header } }));
    case 'publish':
      return unwrap(api.POST('/roster-plans/{planId}/publish', { params: { path, header } }));
  }
}

/** Someone changed the plan first (a stale revision, or 412): the board reloads it. */
export function isStale(error: unknown): boolean {
  const { code } = problemOf(error);
  return code === 'plan.stale-revision' || code === 'precondition.failed';
}

/**
 * A write on the plan. Its answer (the plan as it now is) replaces the cached plan; a refusal
 * because the plan moved on reloads it, so the next try is made on what is really there.
 */
export function usePlanAction(plan: Plan | undefined) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (action: PlanAction) => send(plan!, action),
    onSuccess: (next) => {
      queries.setQueryData(boardKeys.plan(next.id), next);
      void queries.invalidateQueries({ queryKey: boardKeys.plans(next.teamId) });
    },
    onError: (error) => {
      if (plan && isStale(error)) void queries.invalidateQueries({ queryKey: boardKeys.plan(plan.id) });
    },
  });
}

/** Starts a plan for a period (its first proposal is computed through the queue). */
export function useCreatePlan(teamId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (period: { periodStart: string; periodEnd: string }) =>
      unwrap(api.POST('/teams/{teamId}/roster-plans', { params: { path: { teamId } }, body: period })),
    onSuccess: (plan) => {
      queries.setQueryData(boardKeys.plan(plan.id), plan);
      void queries.invalidateQueries({ queryKey: boardKeys.plans(teamId) });
    },
  });
}
