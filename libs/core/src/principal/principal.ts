import type { UserRole } from '@homecare/database';

/** The signed-in user a request acts for, loaded from the database on every request. */
export interface Principal {
  userId: string;
  role: UserRole;
  /** A coordinator's organisation; null for every other role. */
  organisationId: string | null;
  /** Method and route pattern of the request (`GET /clients/:clientId`), for the access log. */
  route: string;
}

export function principalOf(
  user: { id: string; role: UserRole; organisationId: string | null },
  route = 'internal',
): Principal {
  return { userId: user.id, role: user.role, organisationId: user.organisationId, route };
}
