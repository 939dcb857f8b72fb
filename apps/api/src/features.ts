// The feature modules the API serves, one per part of the domain. Each lives in its own folder
// (controllers and DTOs here, services in libs/core so that the worker shares them).
import { ScenariosApiModule } from './scenarios/scenarios-api.module';
import { TeamsApiModule } from './teams/teams-api.module';
import { CaregiversApiModule } from './caregivers/caregivers-api.module';
import { AvailabilityApiModule } from './availability/availability-api.module';
import { ClientsApiModule } from './clients/clients-api.module';
import { CareNeedsApiModule } from './care-needs/care-needs-api.module';
import { VisitsApiModule } from './visits/visits-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { UsersApiModule } from './users/users-api.module';
import { InvitationsApiModule } from './invitations/invitations-api.module';
import { AccessLogApiModule } from './access-log/access-log-api.module';
import { RostersApiModule } from './rosters/rosters-api.module';
import { NegotiationApiModule } from './negotiation/negotiation-api.module';
import { PublishedRosterApiModule } from './published-roster/published-roster-api.module';
import { QueuesDashboardModule } from './queues/queues-dashboard.module';
import { CheckInsApiModule } from './check-ins/check-ins-api.module';
import { PayrollApiModule } from './payroll/payroll-api.module';
import { VisitPlansApiModule } from './visit-plans/visit-plans-api.module';
import { CalendarFeedsApiModule } from './calendar-feeds/calendar-feeds-api.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { ContinuityApiModule } from './continuity/continuity-api.module';
import { PlanningApiModule } from './planning/planning-api.module';
import { DashboardApiModule } from './dashboard/dashboard-api.module';
import { MetricsApiModule } from './metrics/metrics-api.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';
import { MyDayApiModule } from './my-day/my-day-api.module';

export const API_FEATURE_MODULES = [
  AuthApiModule,
  UsersApiModule,
  InvitationsApiModule,
  AccessLogApiModule,
  TeamsApiModule,
  CaregiversApiModule,
  AvailabilityApiModule,
  ClientsApiModule,
  ContinuityApiModule,
  CareNeedsApiModule,
  VisitsApiModule,
  ScenariosApiModule,
  RostersApiModule,
  NegotiationApiModule,
  PublishedRosterApiModule,
  VisitPlansApiModule,
  CalendarFeedsApiModule,
  CheckInsApiModule,
  MyDayApiModule,
  PayrollApiModule,
  NotificationsApiModule,
  PlanningApiModule,
  WebhooksApiModule,
  DashboardApiModule,
  QueuesDashboardModule,
  MetricsApiModule,
];
