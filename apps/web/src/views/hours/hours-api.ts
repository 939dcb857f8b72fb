// The payroll calls of the hours pages; their types come from the API's OpenAPI document.
import { api, type components } from '../../api/client';
import { ProblemError, unwrap, type Problem } from '../../api/problem';
import { t } from '../../i18n';

type Schemas = components['schemas'];
export type PayPeriod = Schemas['PayPeriodView'];
export type PayPeriodState = PayPeriod['state'];
export type CaregiverTimesheet = Schemas['TimesheetView'];
export type TimesheetsPage = Schemas['TimesheetsPage'];

export const hoursKeys = {
  all: ['hours'] as const,
  periods: (organisationId: string) => ['hours', organisationId, 'periods'] as const,
  timesheets: (organisationId: string, key: string) => ['hours', organisationId, 'timesheets', key] as const,
  settings: (organisationId: string) => ['hours', organisationId, 'settings'] as const,
};

/** Caregivers per page of a period: the API's largest page. */
export const TIMESHEET_PAGE_SIZE = 200;

export const hoursApi = {
  periods: (organisationId: string, from: string, to: string) =>
    unwrap(
      api.GET('/organisations/{organisationId}/pay-periods', {
        params: { path: { organisationId }, query: { from, to } },
      }),
    ),

  timesheets: (organisationId: string, periodKey: string, offset: number) =>
    unwrap(
      api.GET('/pay-periods/{periodKey}/timesheets', {
        params: {
          path: { periodKey },
          query: { organisationId, limit: TIMESHEET_PAGE_SIZE, offset },
        },
      }),
    ),

  settings: (organisationId: string) =>
    unwrap(
      api.GET('/organisations/{organisationId}/payroll-settings', { params: { path: { organisationId } } }),
    ),

  approve: (organisationId: string, periodKey: string) =>
    unwrap(
      api.POST('/pay-periods/{periodKey}/approve', {
        params: { path: { periodKey }, query: { organisationId } },
      }),
    ),

  lock: (organisationId: string, periodKey: string) =>
    unwrap(
      api.POST('/pay-periods/{periodKey}/lock', {
        params: { path: { periodKey }, query: { organisationId } },
      }),
    ),

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
