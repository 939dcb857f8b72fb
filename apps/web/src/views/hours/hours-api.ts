// The payroll calls of the hours pages, typed. TEMPORARY: most responses in schema.d.ts are still
// untyped (Record<string, never>), so the shapes below mirror libs/core/src/payroll/*.service.ts
// and libs/payroll/src/types.ts, and the casts live here only; replace them with
// components['schemas'][...] once the regenerated schema lands.
import { api } from '../../api/client';
import { ProblemError, unwrap, type Problem } from '../../api/problem';
import { t } from '../../i18n';

export type PayPeriodState = 'open' | 'approved' | 'locked';

export interface PayPeriod {
  key: string;
  id: string;
  frequency: string;
  start: string;
  end: string;
  state: PayPeriodState;
  approvedAt: string | null;
  approvedBy: string | null;
  lockedAt: string | null;
  lockedBy: string | null;
}

export interface TimesheetLine {
  hourType: 'visit' | 'travel' | 'waiting' | 'overtime' | 'premium' | 'adjustment';
  band: string;
  source?: string;
  percentage?: number;
  minutes: number;
  hours: number;
  kilometres: number;
  visitIds: string[];
}

/** A working-time or attendance warning; `message` is the API's own words. */
export interface TimesheetFlag {
  kind: string;
  message: string;
  visitId?: string;
  visitIds?: string[];
  date?: string;
  nextDate?: string;
  weekStart?: string;
  /** no-break: epoch minutes. */
  start?: number;
  end?: number;
}

export interface VisitEntry {
  visitId: string;
  date: string;
  /** Epoch minutes. */
  start: number;
  end: number;
}

export interface CaregiverTimesheet {
  caregiverId: string;
  caregiverName: string;
  timeZone: string;
  lines: TimesheetLine[];
  entries: VisitEntry[];
  flags: TimesheetFlag[];
  totals: {
    workedMinutes: number;
    visitMinutes: number;
    travelMinutes: number;
    waitingMinutes: number;
    overtimeMinutes: number;
    contractMinutes: number;
    kilometres: number;
  };
}

export interface TimesheetsPage {
  period: PayPeriod;
  source: 'locked' | 'computed';
  items: CaregiverTimesheet[];
  total: number;
  limit: number;
  offset: number;
}

export interface PremiumBand {
  id: string;
  label: string;
  percentage: number;
}

export const hoursKeys = {
  all: ['hours'] as const,
  periods: (organisationId: string) => ['hours', organisationId, 'periods'] as const,
  timesheets: (organisationId: string, key: string) => ['hours', organisationId, 'timesheets', key] as const,
  settings: (organisationId: string) => ['hours', organisationId, 'settings'] as const,
};

/** Caregivers per page of a period: the API's largest page. */
export const TIMESHEET_PAGE_SIZE = 200;

export const hoursApi = {
  periods: async (organisationId: string, from: string, to: string) =>
    (await unwrap(
      api.GET('/organisations/{organisationId}/pay-periods', {
        params: { path: { organisationId }, query: { from, to } },
      }),
    )) as unknown as { items: PayPeriod[] },

  timesheets: async (organisationId: string, periodKey: string, offset: number) =>
    (await unwrap(
      api.GET('/pay-periods/{periodKey}/timesheets', {
        params: {
          path: { periodKey },
          query: { organisationId, limit: TIMESHEET_PAGE_SIZE, offset },
        },
      }),
    )) as unknown as TimesheetsPage,

  settings: async (organisationId: string) =>
    (await unwrap(
      api.GET('/organisations/{organisationId}/payroll-settings', { params: { path: { organisationId } } }),
    )) as unknown as { premiumBands: PremiumBand[] },

  approve: async (organisationId: string, periodKey: string) =>
    (await unwrap(
      api.POST('/pay-periods/{periodKey}/approve', {
        params: { path: { periodKey }, query: { organisationId } },
      }),
    )) as unknown as PayPeriod,

  lock: async (organisationId: string, periodKey: string) =>
    (await unwrap(
      api.POST('/pay-periods/{periodKey}/lock', {
        params: { path: { periodKey }, query: { organisationId } },
      }),
    )) as unknown as PayPeriod,

  /** The CSV export as a file, through the signed-in client (it needs the bearer token). */
  exportCsv: async (
    organisationId: string,
    periodKey: string,
  ): Promise<{ blob: Blob; contentDisposition: string | null }> => {
    const { data, error, response } = await api.GET('/pay-periods/{periodKey}/export.csv', {
      params: { path: { periodKey }, query: { organisationId } },
      parseAs: 'blob',
    });
    // A refusal is problem+json here too: the API decides before the first byte.
    if (!response.ok || !(data instanceof Blob)) throw new ProblemError(await problemOfBlob(error, response));
    return { blob: data, contentDisposition: response.headers.get('Content-Disposition') };
  },
};

async function problemOfBlob(error: unknown, response: Response): Promise<Problem> {
  try {
    const text = error instanceof Blob ? await error.text() : JSON.stringify(error);
    const parsed = JSON.parse(text) as Partial<Problem>;
    if (typeof parsed.title === 'string' && typeof parsed.status === 'number') return parsed as Problem;
  } catch {
    // Not JSON: the status line says what there is to say.
  }
  return { title: response.statusText || t('error.title'), status: response.status };
}
