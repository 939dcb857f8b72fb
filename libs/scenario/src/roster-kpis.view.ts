/** The KPIs of a roster, as the shared specification defines them. */
export class RosterKpis {
  visits: number;
  assignedVisits: number;
  coverage: number;
  minuteCoverage: number;
  hardViolations: number;
  clientsServed: number;
  meanDistinctCaregiversPerClient: number;
  maxDistinctCaregiversPerClient: number;
  primaryShare: number;
  preferredShare: number | null;
  historyShare: number | null;
  travelMinutes: number;
  utilisationStdDev: number;
  /** assigned critical visits / critical visits; null without critical visits */
  criticalCoverage: number | null;
  /** visit minutes inside the assigned caregivers' `avoid` wishes */
  avoidWishMinutes: number;
  /** spread across caregivers of (visit minutes on Saturday, Sunday or from 18:00) / maxMinutesPerWeek */
  unsocialStdDev: number;
}
