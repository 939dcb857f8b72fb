// The client calls of the clients pages; their types come from the API's OpenAPI document. Every
// read goes through the API, which logs who read which client's data.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type components } from '../../api/client';
import { unwrap } from '../../api/problem';

type Schemas = components['schemas'];
export type Client = Schemas['Client'];
export type ClientWithHistory = Schemas['ClientWithHistory'];
export type CareNeed = Schemas['CareNeed'];
export type CareNeedBody = Schemas['CreateCareNeedDto'];
export type ClientChanges = Schemas['UpdateClientDto'];
export type Caregiver = Schemas['Caregiver'];
export type Continuity = Schemas['ClientContinuityView'];

/** The API's largest page: a team's clients, caregivers and one client's care needs fit in it. */
const PAGE = { limit: 200, offset: 0 };

export const clientsKeys = {
  all: ['clients'] as const,
  team: (teamId: string) => ['clients', 'team', teamId] as const,
  client: (clientId: string) => ['clients', clientId] as const,
  careNeeds: (clientId: string) => ['clients', clientId, 'care-needs'] as const,
  careNeedCount: (clientId: string) => ['clients', clientId, 'care-need-count'] as const,
  continuity: (clientId: string) => ['clients', clientId, 'continuity'] as const,
  caregivers: (teamId: string) => ['clients', 'team', teamId, 'caregivers'] as const,
};

export function useTeam(teamId: string) {
  return useQuery({
    queryKey: [...clientsKeys.team(teamId), 'team'],
    queryFn: () => unwrap(api.GET('/teams/{teamId}', { params: { path: { teamId } } })),
    staleTime: 5 * 60_000,
  });
}

export function useTeamClients(teamId: string) {
  return useQuery({
    queryKey: clientsKeys.team(teamId),
    queryFn: () => unwrap(api.GET('/teams/{teamId}/clients', { params: { path: { teamId }, query: PAGE } })),
  });
}

/** How many care needs each client has: the total of a one-item page per client. */
export function useCareNeedCounts(clientIds: string[]) {
  return useQueries({
    queries: clientIds.map((clientId) => ({
      queryKey: clientsKeys.careNeedCount(clientId),
      queryFn: async () =>
        (
          await unwrap(
            api.GET('/clients/{clientId}/care-needs', {
              params: { path: { clientId }, query: { limit: 1, offset: 0 } },
            }),
          )
        ).total,
    })),
  });
}

export function useTeamCaregivers(teamId: string) {
  return useQuery({
    queryKey: clientsKeys.caregivers(teamId),
    queryFn: () =>
      unwrap(api.GET('/teams/{teamId}/caregivers', { params: { path: { teamId }, query: PAGE } })),
    staleTime: 5 * 60_000,
  });
}

export function useClient(clientId: string) {
  return useQuery({
    queryKey: clientsKeys.client(clientId),
    queryFn: () => unwrap(api.GET('/clients/{clientId}', { params: { path: { clientId } } })),
  });
}

export function useCareNeeds(clientId: string) {
  return useQuery({
    queryKey: clientsKeys.careNeeds(clientId),
    queryFn: () =>
      unwrap(api.GET('/clients/{clientId}/care-needs', { params: { path: { clientId }, query: PAGE } })),
  });
}

export function useContinuity(clientId: string) {
  return useQuery({
    queryKey: clientsKeys.continuity(clientId),
    queryFn: () => unwrap(api.GET('/clients/{clientId}/continuity', { params: { path: { clientId } } })),
  });
}

/** After any change to a client: its page, its care needs, who knows them and the team's list are read again. */
function useRefresh() {
  const queries = useQueryClient();
  return () => queries.invalidateQueries({ queryKey: clientsKeys.all });
}

export function useUpdateClient(clientId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (changes: ClientChanges) =>
      unwrap(api.PATCH('/clients/{clientId}', { params: { path: { clientId } }, body: changes })),
    onSuccess: refresh,
  });
}

export function useArchiveClient(clientId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/clients/{clientId}/archive', { params: { path: { clientId } } })),
    onSuccess: refresh,
  });
}

export function useAddCareNeed(clientId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CareNeedBody) =>
      unwrap(api.POST('/clients/{clientId}/care-needs', { params: { path: { clientId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateCareNeed(careNeedId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Partial<CareNeedBody>) =>
      unwrap(api.PATCH('/care-needs/{careNeedId}', { params: { path: { careNeedId } }, body })),
    onSuccess: refresh,
  });
}

export function useRemoveCareNeed(careNeedId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/care-needs/{careNeedId}', { params: { path: { careNeedId } } })),
    onSuccess: refresh,
  });
}
