import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { dateTime } from '../../lib/format';
import { useUser } from '../../session/use-session';
import { ConfirmDialog } from './ConfirmDialog';
import {
  hoursApi,
  hoursKeys,
  TIMESHEET_PAGE_SIZE,
  type CaregiverTimesheet,
  type TimesheetsPage,
} from './hours-api';
import {
  cellValue,
  columnsFor,
  fileNameOf,
  flagWhen,
  hoursOf,
  readableMessage,
  totalsOf,
  type Band,
  type Column,
} from './timesheet-table';
import {
  columnLabel,
  flagTitle,
  formatHours,
  formatKilometres,
  periodLabel,
  stateLabel,
  visitLabel,
  whenLabel,
} from './words';
import './hours.css';

type Step = 'approve' | 'lock';

/**
 * /hours/:periodKey: every caregiver's hours of one pay period by hour type, the warnings the API
 * found, approving and locking (each after a question), and the CSV for payroll.
 */
export function PayPeriodPage() {
  const { periodKey = '' } = useParams();
  const user = useUser();
  const organisationId = user?.organisationId ?? '';
  const queries = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [asking, setAsking] = useState<Step | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const sheets = useQuery({
    queryKey: [...hoursKeys.timesheets(organisationId, periodKey), offset],
    queryFn: () => hoursApi.timesheets(organisationId, periodKey, offset),
    enabled: organisationId !== '',
    placeholderData: (previous) => previous,
  });
  const settings = useQuery({
    queryKey: hoursKeys.settings(organisationId),
    queryFn: () => hoursApi.settings(organisationId),
    enabled: organisationId !== '',
    staleTime: 5 * 60_000,
  });
  const step = useMutation({
    mutationFn: (which: Step) =>
      which === 'approve'
        ? hoursApi.approve(organisationId, periodKey)
        : hoursApi.lock(organisationId, periodKey),
    onSuccess: async (period, which) => {
      setAsking(null);
      const label = periodLabel(period);
      setAnnouncement(
        which === 'approve' ? t('hours.approved', { period: label }) : t('hours.locked', { period: label }),
      );
      await queries.invalidateQueries({ queryKey: hoursKeys.all });
    },
  });
  const download = useMutation({
    mutationFn: () => hoursApi.exportCsv(organisationId, periodKey),
    onSuccess: ({ blob, contentDisposition }) => {
      const file = fileNameOf(contentDisposition, `payroll-${periodKey}.csv`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file;
      document.body.append(link);
      link.click();
      link.remove();
      // After the click has handed the file to the browser's download.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setAnnouncement(t('hours.downloaded', { file }));
    },
  });

  if (!organisationId)
    return (
      <section>
        <h1>{t('hours.title')}</h1>
        <p>{t('hours.noOrganisation')}</p>
      </section>
    );
  const back = (
    <p className="back">
      <Link to="/hours">← {t('hours.back')}</Link>
    </p>
  );
  if (sheets.isPending)
    return (
      <section>
        {back}
        <h1>{t('hours.title')}</h1>
        <Loading />
      </section>
    );
  if (sheets.error && !sheets.data)
    return (
      <section>
        {back}
        <h1>{t('hours.title')}</h1>
        <ProblemMessage error={sheets.error} onRetry={() => void sheets.refetch()} />
      </section>
    );

  const page = sheets.data;
  const period = page.period;
  const label = periodLabel(period);
  const ask = (which: Step) => {
    step.reset();
    setAsking(which);
  };
  return (
    <section className="hours">
      {back}
      <div className="period-heading">
        <h1>{t('hours.periodTitle', { period: label })}</h1>
        <span className={`state state-${period.state}`}>{stateLabel(period.state)}</span>
      </div>
      <p className="hint-line">
        {period.state === 'locked' && period.lockedAt
          ? t('hours.lockedOn', { date: dateTime(period.lockedAt) })
          : period.state === 'approved'
            ? `${period.approvedAt ? t('hours.approvedOn', { date: dateTime(period.approvedAt) }) : ''} ${t('hours.approvedNote')}`
            : t('hours.openNote')}
      </p>

      <div className="row actions">
        {period.state === 'open' && (
          <button type="button" className="primary" onClick={() => ask('approve')}>
            {t('hours.approve')}
          </button>
        )}
        {period.state === 'approved' && (
          <button type="button" className="primary" onClick={() => ask('lock')}>
            {t('hours.lock')}
          </button>
        )}
        <button type="button" onClick={() => download.mutate()} disabled={download.isPending}>
          {download.isPending ? t('hours.downloading') : t('hours.download')}
        </button>
      </div>
      <ProblemMessage error={download.error} />
      <p role="status" aria-live="polite" className="status-line">
        {announcement && <span className="success">{announcement}</span>}
      </p>

      <Timesheets page={page} bands={settings.data?.premiumBands ?? []} onPage={setOffset} />

      <ConfirmDialog
        open={asking !== null}
        title={
          asking === 'lock'
            ? t('hours.lockTitle', { period: label })
            : t('hours.approveTitle', { period: label })
        }
        confirmLabel={asking === 'lock' ? t('hours.confirmLock') : t('hours.confirmApprove')}
        busy={step.isPending}
        error={step.error}
        onConfirm={() => asking && step.mutate(asking)}
        onCancel={() => setAsking(null)}
      >
        <p>{asking === 'lock' ? t('hours.lockBody') : t('hours.approveBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function Timesheets({
  page,
  bands,
  onPage,
}: {
  page: TimesheetsPage;
  bands: Band[];
  onPage: (offset: number) => void;
}) {
  const sheets = page.items;
  const columns = columnsFor(sheets, bands);
  const totals = totalsOf(sheets, columns);
  const flagged = sheets.filter((sheet) => sheet.flags.length > 0);
  const flagCount = flagged.reduce((count, sheet) => count + sheet.flags.length, 0);
  const everyone = page.offset === 0 && sheets.length === page.total;

  return (
    <>
      {flagCount > 0 ? (
        <p className="warning warnings-summary">
          <a href="#warnings">
            {flagCount === 1
              ? t('hours.warningsSummaryOne')
              : t('hours.warningsSummary', { count: flagCount, caregivers: flagged.length })}
            {page.period.state === 'open' && ` ${t('hours.warningsCheck')}`}
          </a>
        </p>
      ) : (
        sheets.length > 0 && <p className="success">{t('hours.noWarnings')}</p>
      )}

      <h2 id="caregivers-title">{t('hours.caregivers')}</h2>
      <p className="hint-line">{t('hours.caption')}</p>
      {sheets.length === 0 ? (
        <p>{t('hours.noCaregivers')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="caregivers-title">
          <table className="timesheets">
            <caption className="visually-hidden">{t('hours.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hours.caregiver')}</th>
                <th scope="col">{t('hours.warningsColumn')}</th>
                {columns.map((column) => (
                  <th scope="col" className="number" key={column.id}>
                    {column.id === 'kilometres' ? (
                      <abbr title={t('hours.column.kilometresLong')}>{columnLabel(column)}</abbr>
                    ) : (
                      columnLabel(column)
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sheets.map((sheet) => (
                <tr key={sheet.caregiverId} className={sheet.flags.length > 0 ? 'flagged' : undefined}>
                  <th scope="row">{sheet.caregiverName}</th>
                  <td>
                    {sheet.flags.length > 0 ? (
                      <a href={`#warnings-${sheet.caregiverId}`} className="flag-count">
                        {sheet.flags.length === 1
                          ? t('hours.warningCountOne')
                          : t('hours.warningCount', { count: sheet.flags.length })}
                      </a>
                    ) : (
                      <span className="muted">{t('hours.noWarning')}</span>
                    )}
                  </td>
                  {columns.map((column) => (
                    <Cell key={column.id} column={column} value={cellValue(sheet, column)} />
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{everyone ? t('hours.total') : t('hours.totalOfPage')}</th>
                <td>
                  {flagCount > 0 &&
                    (flagCount === 1
                      ? t('hours.warningCountOne')
                      : t('hours.warningCount', { count: flagCount }))}
                </td>
                {columns.map((column, index) => (
                  <Cell key={column.id} column={column} value={totals[index]} />
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {!everyone && (
        <nav className="row pager" aria-label={t('hours.caregivers')}>
          <span>
            {t('hours.pageOf', {
              first: page.offset + 1,
              last: page.offset + sheets.length,
              total: page.total,
            })}
          </span>
          <button
            type="button"
            disabled={page.offset === 0}
            onClick={() => onPage(Math.max(0, page.offset - TIMESHEET_PAGE_SIZE))}
          >
            {t('hours.previousPage')}
          </button>
          <button
            type="button"
            disabled={page.offset + sheets.length >= page.total}
            onClick={() => onPage(page.offset + TIMESHEET_PAGE_SIZE)}
          >
            {t('hours.nextPage')}
          </button>
        </nav>
      )}

      {flagged.length > 0 && (
        <section aria-labelledby="warnings" className="warnings">
          <h2 id="warnings" tabIndex={-1}>
            {t('hours.warnings')}
          </h2>
          {flagged.map((sheet) => (
            <Warnings key={sheet.caregiverId} sheet={sheet} />
          ))}
        </section>
      )}
    </>
  );
}

function Cell({ column, value }: { column: Column; value: number }) {
  const text = column.unit === 'kilometres' ? formatKilometres(value) : formatHours(hoursOf(value));
  return <td className={value === 0 ? 'number zero' : 'number'}>{text}</td>;
}

/** One caregiver's warnings, each with its kind and the API's own words, in time order. */
function Warnings({ sheet }: { sheet: CaregiverTimesheet }) {
  const flags = sheet.flags
    .map((flag) => ({ flag, when: flagWhen(flag, sheet.entries) }))
    .sort((left, right) => sortKey(left.when).localeCompare(sortKey(right.when)));
  return (
    <article className="caregiver-warnings" aria-labelledby={`warnings-${sheet.caregiverId}`}>
      <h3 id={`warnings-${sheet.caregiverId}`} tabIndex={-1}>
        {t('hours.warningsOf', { name: sheet.caregiverName })}
      </h3>
      <ul>
        {flags.map(({ flag, when }, index) => {
          // A warning about visits names them in its message; others get their day or time here.
          const aboutVisits = 'visitId' in flag || 'visitIds' in flag;
          const whenText = aboutVisits ? undefined : whenLabel(when, sheet.timeZone);
          return (
            <li key={`${flag.kind}-${index}`} className="warning">
              <strong>{flagTitle(flag.kind)}</strong>
              {whenText && <span className="when"> · {whenText}</span>}
              <span className="message">
                {readableMessage(flag.message, sheet.entries, (entry) => visitLabel(entry, sheet.timeZone))}
              </span>
            </li>
          );
        })}
      </ul>
    </article>
  );
}

/** Dated warnings first in time order; those without a time after them. */
function sortKey(when: { date?: string; start?: number }): string {
  if (when.start !== undefined) return `0${new Date(when.start * 60_000).toISOString()}`;
  return when.date ? `0${when.date}` : '1';
}
