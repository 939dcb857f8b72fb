// Every migration, in order. Generated files are added here by hand so that the list is explicit
// and works the same from TypeScript (tests) and from the built JavaScript (operators).
import { InitialSchema1795403923119 } from './1795403923119-InitialSchema';
import { Rosters1795405036778 } from './1795405036778-Rosters';
import { Accounts1795405058592 } from './1795405058592-Accounts';
import { Negotiation1795407966310 } from './1795407966310-Negotiation';
import { PublishedAssignmentExclusion1795407966311 } from './1795407966311-PublishedAssignmentExclusion';
import { CheckIns1795409292061 } from './1795409292061-CheckIns';
import { VisitPlans1795409397318 } from './1795409397318-VisitPlans';
import { RosterInputSnapshot1795409429314 } from './1795409429314-RosterInputSnapshot';
import { Payroll1795409486604 } from './1795409486604-Payroll';
import { VisitTeamCancelledIndex1795421163119 } from './1795421163119-VisitTeamCancelledIndex';
import { AccountChangeNotify1795445000000 } from './1795445000000-AccountChangeNotify';
import { PublishedRosterRevision1795446110684 } from './1795446110684-PublishedRosterRevision';
import { Notifications1796626588195 } from './1796626588195-Notifications';
import { WorkingTimeRules1796627147277 } from './1796627147277-WorkingTimeRules';
import { ContinuityWindow1796635806145 } from './1796635806145-ContinuityWindow';
import { RosterRepairs1796635815956 } from './1796635815956-RosterRepairs';
import { RollingPlanning1796635829267 } from './1796635829267-RollingPlanning';
import { NotificationProducers1796635846397 } from './1796635846397-NotificationProducers';
import { Email1796635860071 } from './1796635860071-Email';
import { Webhooks1796647358155 } from './1796647358155-Webhooks';
import { AbsenceReportsAndInvitationApproval1796647385258 } from './1796647385258-AbsenceReportsAndInvitationApproval';
import { CalendarFeedName1796647446682 } from './1796647446682-CalendarFeedName';
import { ClientArchive1796648561161 } from './1796648561161-ClientArchive';
import { ContinuityTarget1796649735145 } from './1796649735145-ContinuityTarget';
import { RunningLate1796649800000 } from './1796649800000-RunningLate';

export const MIGRATIONS = [
  InitialSchema1795403923119,
  Rosters1795405036778,
  Accounts1795405058592,
  Negotiation1795407966310,
  PublishedAssignmentExclusion1795407966311,
  CheckIns1795409292061,
  VisitPlans1795409397318,
  RosterInputSnapshot1795409429314,
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
  Webhooks1796647358155,
  AbsenceReportsAndInvitationApproval1796647385258,
  CalendarFeedName1796647446682,
  ClientArchive1796648561161,
  ContinuityTarget1796649735145,
  RunningLate1796649800000,
];
