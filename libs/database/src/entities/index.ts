// The swagger CLI plugin documents these classes (`.entity.ts` in nest-cli.json) where the API
// returns them; relations carry @ApiHideProperty because the API never sends a loaded relation.
import { AccessLogEntry, ClientAccessLink } from './access.entity';
import { AuthRefreshToken } from './auth-refresh-token.entity';
import {
  AvailabilityException,
  AvailabilityPattern,
  AvailabilityWindow,
  CaregiverWish,
} from './availability.entity';
import { CalendarFeed } from './calendar-feed.entity';
import { CareNeed } from './care-need.entity';
import { NotificationPreference, PasswordReset } from './email.entity';
import { Caregiver } from './caregiver.entity';
import { Client, ClientCaregiverHistory } from './client.entity';
import { Invitation } from './invitation.entity';
import { Organisation } from './organisation.entity';
import {
  PublishedAssignment,
  PublishedRosterRevision,
  RosterPlanAmendment,
  RosterPlanEvent,
  RosterPlanObjection,
  RosterPlanOffer,
} from './negotiation.entity';
import { Notification } from './notification.entity';
import { Outbox } from './outbox.entity';
import { PlanningWeek, TeamPlanningSettings } from './planning.entity';
import {
  OrganisationPayrollSettings,
  PayPeriodState,
  PayrollAdjustment,
  PayrollLockedTimesheet,
} from './payroll.entity';
import { Roster, RosterAssignment } from './roster.entity';
import { RosterPlan, RosterPlanAssignment, RosterPlanConsent, RosterPlanVersion } from './roster-plan.entity';
import { RosterRun } from './roster-run.entity';
import { Team } from './team.entity';
import { UserAccount } from './user-account.entity';
import { VisitCheckIn, VisitCheckInCorrection } from './visit-check-in.entity';
import { Visit, VisitPin } from './visit.entity';
import { VisitPlanView } from './visit-plan-view.entity';
import { WebhookAttempt, WebhookDelivery, WebhookSubscription } from './webhook.entity';

export * from './access.entity';
export * from './auth-refresh-token.entity';
export * from './availability.entity';
export * from './calendar-feed.entity';
export * from './care-need.entity';
export * from './caregiver.entity';
export * from './client.entity';
export * from './email.entity';
export * from './invitation.entity';
export * from './organisation.entity';
export * from './negotiation.entity';
export * from './notification.entity';
export * from './outbox.entity';
export * from './payroll.entity';
export * from './planning.entity';
export * from './roster.entity';
export * from './roster-plan.entity';
export * from './roster-run.entity';
export * from './team.entity';
export * from './user-account.entity';
export * from './visit.entity';
export * from './visit-plan-view.entity';
export * from './visit-check-in.entity';
export * from './webhook.entity';

/** Every entity, for the one data source that Nest and the migration CLI share. */
export const ENTITIES = [
  Organisation,
  Team,
  Caregiver,
  AvailabilityWindow,
  AvailabilityPattern,
  AvailabilityException,
  CaregiverWish,
  Client,
  ClientCaregiverHistory,
  CareNeed,
  Visit,
  VisitPin,
  UserAccount,
  AuthRefreshToken,
  Invitation,
  PasswordReset,
  NotificationPreference,
  ClientAccessLink,
  AccessLogEntry,
  RosterRun,
  Roster,
  RosterAssignment,
  Outbox,
  Notification,
  RosterPlan,
  RosterPlanVersion,
  RosterPlanAssignment,
  RosterPlanConsent,
  RosterPlanObjection,
  RosterPlanOffer,
  RosterPlanEvent,
  RosterPlanAmendment,
  PublishedAssignment,
  PublishedRosterRevision,
  VisitPlanView,
  CalendarFeed,
  VisitCheckIn,
  VisitCheckInCorrection,
  OrganisationPayrollSettings,
  PayPeriodState,
  PayrollLockedTimesheet,
  PayrollAdjustment,
  TeamPlanningSettings,
  PlanningWeek,
  WebhookSubscription,
  WebhookDelivery,
  WebhookAttempt,
];
