// Every migration, in order. Generated files are added here by hand so that the list is explicit
// and works the same from TypeScript (tests) and from the built JavaScript (operators).
import { InitialSchema1795403923119 } from './1795403923119-InitialSchema';
import { AccountChangeNotify1795445000000 } from './1795445000000-AccountChangeNotify';
import { Accounts1795405058592 } from './1795405058592-Accounts';
import { CheckIns1795409292061 } from './1795409292061-CheckIns';
import { Negotiation1795407966310 } from './1795407966310-Negotiation';
import { Notifications1796626588195 } from './1796626588195-Notifications';
import { NotificationProducers1796635846397 } from './1796635846397-NotificationProducers';
import { RunningLate1796635870000 } from './1796635870000-RunningLate';
import { Payroll1795409486604 } from './1795409486604-Payroll';
import { PublishedAssignmentExclusion1795407966311 } from './1795407966311-PublishedAssignmentExclusion';
import { PublishedRosterRevision1795446110684 } from './1795446110684-PublishedRosterRevision';
import { Rosters1795405036778 } from './1795405036778-Rosters';
import { RosterInputSnapshot1795409429314 } from './1795409429314-RosterInputSnapshot';
import { VisitPlans1795409397318 } from './1795409397318-VisitPlans';
import { VisitTeamCancelledIndex1795421163119 } from './1795421163119-VisitTeamCancelledIndex';
import { WorkingTimeRules1796627147277 } from './1796627147277-WorkingTimeRules';
import { ContinuityWindow1796635806145 } from './1796635806145-ContinuityWindow';
import { RosterRepairs1796635815956 } from './1796635815956-RosterRepairs';
import { RollingPlanning1796635829267 } from './1796635829267-RollingPlanning';
import { Email1796635860071 } from './1796635860071-Email';

export const MIGRATIONS = [
  InitialSchema1795403923119,
  Rosters1795405036778,
  Accounts1795405058592,
  Negotiation1795407966310,
  PublishedAssignmentExclusion1795407966311,
  CheckIns1795409292061,
  RosterInputSnapshot1795409429314,
  VisitPlans1795409397318,
  Payroll1795409486604,
  VisitTeamCancelledIndex1795421163119,
  AccountChangeNotify1795445000000,
  PublishedRosterRevision1795446110684,
  Notifications1796626588195,
  WorkingTimeRules1796627147277,
  ContinuityWindow1796635806145,
  RosterRepairs1796635815956,
  RollingPlanning1796635829267,
  NotificationProducers1796635846397,
  Email1796635860071,
  RunningLate1796635870000,
];
