// What the team dashboard shows, as classes (the swagger CLI plugin documents classes only).

/** Working-time flags of one week by kind (payroll's flags: rest too short, week over limit, ...). */
export class DashboardFlagCount {
  kind: string;
  count: number;
}

/** One ISO week of the team (Monday to Sunday in the team's zone). */
export class DashboardWeek {
  /** Monday, local date. */
  weekStart: string;
  /** Sunday, local date. */
  weekEnd: string;
  /** Visits not cancelled. */
  visits: number;
  /** Visits with as many published caregivers as they need. */
  coveredVisits: number;
  /** coveredVisits / visits (1 when there are no visits). */
  coverage: number;
  /** Clients who were served this week. */
  clients: number;
  /** Mean over those clients of the different caregivers they saw. */
  meanDistinctCaregivers: number;
  /** Visits by each client's most frequent caregiver / all visits. */
  primaryShare: number;
  /** Whether meanDistinctCaregivers kept to the team's target (true in a week without clients). */
  withinTarget: boolean;
  /** Minutes at visits: checked-in times where present, else planned. */
  visitMinutes: number;
  /** Visit and paid travel minutes: working time as payroll counts it. */
  workedMinutes: number;
  /** The caregivers' contracts for the week. */
  contractMinutes: number;
  overtimeMinutes: number;
  flagCount: number;
  flags: DashboardFlagCount[];
  /** Published amendments made in the week (changes after publishing). */
  amendments: number;
  /** Visits those amendments changed. */
  changedVisits: number;
}

/** One caregiver at one client: visits per week, in the order of `weeks`. */
export class DashboardClientCaregiver {
  caregiverId: string;
  name: string;
  visitsPerWeek: number[];
}

/** Who visited one client over the weeks. */
export class DashboardClient {
  clientId: string;
  name: string;
  caregivers: DashboardClientCaregiver[];
}

export class TeamDashboardView {
  teamId: string;
  timezone: string;
  /** The team's target: mean different caregivers per client in a week. */
  targetDistinctCaregivers: number;
  /** Oldest first, ending with the current week. */
  weeks: DashboardWeek[];
  clients: DashboardClient[];
}
