import type { SignedInUser } from '../../session/store';

/**
 * Whether the signed-in person may change a team's clients: the API's rule (administrators and
 * coordinators write, caregivers read), so that only the actions it would allow are offered.
 */
export function mayEditClients(user: SignedInUser | null | undefined): boolean {
  return user?.role === 'administrator' || user?.role === 'coordinator';
}
