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
}
