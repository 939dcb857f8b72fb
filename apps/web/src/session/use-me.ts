import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';

/** The signed-in user with what they are linked to: their caregiver rows (one per team) and clients. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: () => unwrap(api.GET('/users/me')),
    staleTime: 60_000,
  });
}
