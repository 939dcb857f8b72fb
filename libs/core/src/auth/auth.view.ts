// What the API shows of accounts and invitations. Classes in a `.view.ts` file: the swagger CLI
// plugin documents them from their types.
import type { InvitationKind, UserRole } from '@homecare/database';
import { PageOf } from '../shared';
import { DateTimeString } from '../shared';

/** What the API shows of a user: never the password hash. */
export class UserView {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  organisationId: string | null;
  /** Set while the account is disabled: it cannot sign in and its tokens do not work. */
  @DateTimeString()
  disabledAt: string | null;
}

export class UserPage extends PageOf(UserView) {}

/** A caregiver row of the signed-in user: they are a member of that team. */
export class MyCaregiver {
  id: string;
  teamId: string;
  teamName: string;
  firstName: string;
}

/** A client the signed-in family member follows. */
export class MyClient {
  id: string;
  name: string;
  teamId: string;
}

/** The signed-in user and what they are linked to, so that an app can lead them to their own work. */
export class MeView extends UserView {
  caregivers: MyCaregiver[];
  clients: MyClient[];
}

export class SignIn {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  tokenType: 'Bearer';
  user: UserView;
}

export class InvitationView {
  id: string;
  kind: InvitationKind;
  email: string;
  teamId: string | null;
  caregiverId: string | null;
  clientId: string | null;
  organisationId: string | null;
  @DateTimeString()
  expiresAt: string;
  @DateTimeString()
  acceptedAt: string | null;
  @DateTimeString()
  revokedAt: string | null;
  /** Null while a member's invitation waits for a coordinator's approval (it cannot be accepted yet). */
  @DateTimeString()
  approvedAt: string | null;
}

/** A created invitation: the token is shown this once (it is stored hashed). */
export class CreatedInvitation extends InvitationView {
  token: string;
}

/** What a link is for, shown to anyone holding it: first names and a team name, nothing more. */
export class InvitationPreview {
  kind: InvitationKind;
  @DateTimeString()
  expiresAt: string;
  inviterFirstName: string | null;
  teamName: string | null;
  clientFirstName: string | null;
  organisationName: string | null;
}

/** An open invitation into a team, as the team's coordinators see it on the team's list. */
export class TeamInvitationView extends InvitationView {
  /** How the invitee is greeted (may be empty). */
  firstName: string;
  /** Who sent it (null once that account is gone). */
  invitedByName: string | null;
}

export class TeamInvitationPage extends PageOf(TeamInvitationView) {}
