import { useSyncExternalStore } from 'react';
import { session, type SignedInUser } from './store';

/** The signed-in user (null when signed out); re-renders on sign-in and sign-out. */
export function useUser(): SignedInUser | null {
  return useSyncExternalStore(session.subscribe, session.user);
}
