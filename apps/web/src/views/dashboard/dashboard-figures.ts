// The dashboard's figures as the page shows them, derived from the API's view without IO.
import type { components } from '../../api/client';

type DashboardClient = components['schemas']['DashboardClient'];
type DashboardWeek = components['schemas']['DashboardWeek'];

/** "30 Nov": the Monday a week starts on, in the page's language. */
export function weekLabel(weekStart: string): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${weekStart}T00:00:00Z`),
  );
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Worked, contract and overtime hours of a week, to one decimal. */
export function hoursOf(week: DashboardWeek) {
  return {
    worked: oneDecimal(week.workedMinutes / 60),
    contract: oneDecimal(week.contractMinutes / 60),
    overtime: oneDecimal(week.overtimeMinutes / 60),
  };
}

/**
 * Per client, the mean over the weeks they had visits of the different caregivers they saw: the
 * measure the team's target is set in. Clients without visits in the range are left out.
 */
export function clientContinuity(clients: DashboardClient[]) {
  const rows = [];
  for (const client of clients) {
    const weeks = Math.max(0, ...client.caregivers.map((caregiver) => caregiver.visitsPerWeek.length));
    let servedWeeks = 0;
    let distinctTotal = 0;
    for (let week = 0; week < weeks; week++) {
      const seen = client.caregivers.filter((caregiver) => (caregiver.visitsPerWeek[week] ?? 0) > 0).length;
      if (seen === 0) continue;
      servedWeeks++;
      distinctTotal += seen;
    }
    if (servedWeeks > 0)
      rows.push({
        clientId: client.clientId,
        name: client.name,
        distinct: oneDecimal(distinctTotal / servedWeeks),
      });
  }
  return rows.sort((a, b) => b.distinct - a.distinct || a.name.localeCompare(b.name));
}
