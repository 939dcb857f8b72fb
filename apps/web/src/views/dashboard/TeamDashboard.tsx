// The team dashboard (/teams/:teamId/dashboard): the team's last weeks in three charts, each
// followed by a table with the same figures, so that a screen reader or a print gets them too.
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, type components } from '../../api/client';
import { unwrap } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { useTeam } from '../board/board-api';
import { clientContinuity, hoursOf, percent, weekLabel } from './dashboard-figures';
import './dashboard.css';

type Dashboard = components['schemas']['TeamDashboardView'];

export function TeamDashboard() {
  const { teamId = '' } = useParams();
  const team = useTeam(teamId);
  const dashboard = useQuery({
    queryKey: ['dashboard', teamId],
    queryFn: () => unwrap(api.GET('/teams/{teamId}/dashboard', { params: { path: { teamId } } })),
  });
  if (dashboard.isPending) return <Loading />;
  if (dashboard.error)
    return <ProblemMessage error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const view = dashboard.data;
  return (
    <section className="dashboard">
      <h1>{t('dashboard.title', { team: team.data?.name ?? '' })}</h1>
      <p>{t('dashboard.intro', { weeks: view.weeks.length })}</p>
      <Coverage view={view} />
      <Continuity view={view} />
      <Hours view={view} />
    </section>
  );
}

/** The chart is a picture of the table after it: hidden from screen readers, which read the table. */
function Chart({ children }: { children: React.ReactElement }) {
  return (
    <div className="dashboard-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={260}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

function Coverage({ view }: { view: Dashboard }) {
  const data = view.weeks.map((week) => ({
    week: weekLabel(week.weekStart),
    coverage: Math.round(week.coverage * 100),
  }));
  return (
    <section aria-labelledby="coverage-title">
      <h2 id="coverage-title">{t('dashboard.coverage')}</h2>
      <p>{t('dashboard.coverageIntro')}</p>
      <Chart>
        <BarChart data={data} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" />
          <YAxis domain={[0, 100]} unit="%" />
          <Tooltip />
          <Bar dataKey="coverage" name={t('dashboard.coveragePercent')} fill="#1d5f8a" unit="%" />
        </BarChart>
      </Chart>
      <div className="table-scroll" tabIndex={0}>
        <table aria-labelledby="coverage-title">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.week')}</th>
              <th scope="col">{t('dashboard.visits')}</th>
              <th scope="col">{t('dashboard.coveragePercent')}</th>
            </tr>
          </thead>
          <tbody>
            {view.weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{weekLabel(week.weekStart)}</th>
                <td>{week.visits}</td>
                <td>{percent(week.coverage)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Continuity({ view }: { view: Dashboard }) {
  const target = view.targetDistinctCaregivers;
  const rows = clientContinuity(view.clients);
  return (
    <section aria-labelledby="continuity-title">
      <h2 id="continuity-title">{t('dashboard.continuity')}</h2>
      <p>{t('dashboard.continuityIntro', { target })}</p>
      {rows.length === 0 ? (
        <p>{t('dashboard.noClients')}</p>
      ) : (
        <>
          <Chart>
            <BarChart data={rows} layout="vertical" accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals />
              <YAxis type="category" dataKey="name" width={110} />
              <Tooltip />
              <ReferenceLine x={target} stroke="#a23b00" strokeWidth={2} label={t('dashboard.target')} />
              <Bar dataKey="distinct" name={t('dashboard.distinctCaregivers')} fill="#1d5f8a" />
            </BarChart>
          </Chart>
          <div className="table-scroll" tabIndex={0}>
            <table aria-labelledby="continuity-title">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.client')}</th>
                  <th scope="col">{t('dashboard.distinctCaregivers')}</th>
                  <th scope="col">{t('dashboard.target')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.clientId}>
                    <th scope="row">{row.name}</th>
                    <td>{row.distinct.toLocaleString()}</td>
                    <td>
                      {row.distinct <= target ? t('dashboard.withinTarget') : t('dashboard.overTarget')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Hours({ view }: { view: Dashboard }) {
  const data = view.weeks.map((week) => ({ week: weekLabel(week.weekStart), ...hoursOf(week) }));
  return (
    <section aria-labelledby="hours-title">
      <h2 id="hours-title">{t('dashboard.hours')}</h2>
      <p>{t('dashboard.hoursIntro')}</p>
      <Chart>
        <BarChart data={data} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" />
          <YAxis />
          <Tooltip />
          <Legend />
          <Bar dataKey="worked" name={t('dashboard.worked')} fill="#1d5f8a" />
          <Bar dataKey="contract" name={t('dashboard.contract')} fill="#8a8a8a" />
        </BarChart>
      </Chart>
      <div className="table-scroll" tabIndex={0}>
        <table aria-labelledby="hours-title">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.week')}</th>
              <th scope="col">{t('dashboard.worked')}</th>
              <th scope="col">{t('dashboard.contract')}</th>
              <th scope="col">{t('dashboard.overtime')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.week}>
                <th scope="row">{row.week}</th>
                <td>{row.worked.toLocaleString()}</td>
                <td>{row.contract.toLocaleString()}</td>
                <td>{row.overtime.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
