// The team week board (/teams/:teamId?plan=&version=): the roster plan the team negotiates, as a
// timeline per caregiver, the unassigned visits with the engine's reasons, each client's
// caregivers, the key figures next to the previous version's, and what each member may do.
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { now } from '../../clock';
import { t } from '../../i18n';
import { shortDay } from '../../lib/format';
import { useUser } from '../../session/use-session';
import {
  usePlan,
  usePlans,
  useTeam,
  useTeamCaregivers,
  useTeamClients,
  useVersion,
  useVersions,
  type PlanAssignment,
} from './board-api';
import { useBoardModel } from './board-model';
import { ComputationProgress } from './ComputationProgress';
import { DiffView } from './DiffView';
import { ContinuityPanel, KpiPanel, MembersPanel, OpenItemsPanel } from './Panels';
import { PlanActions, StartPlan } from './PlanControls';
import { useNarrow, usePlanStream } from './plan-stream';
import { axisOf, datesBetween, localMoment, unassignedOf } from './timeline';
import { DayTimeline, Legend, marksOf, UnassignedLane, WeekTimeline } from './Timeline';
import { VisitDetails } from './VisitDetails';
import './board.css';

const NO_ASSIGNMENTS: PlanAssignment[] = [];

export function TeamBoard() {
  const { teamId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const user = useUser();
  const team = useTeam(teamId);
  const caregivers = useTeamCaregivers(teamId);
  const clients = useTeamClients(teamId);
  const plans = usePlans(teamId);
  const planId = search.get('plan') ?? plans.data?.items[0]?.id;
  const live = usePlanStream(planId);
  const plan = usePlan(planId, live);
  const narrow = useNarrow();
  const versions = useVersions(planId, plan.data?.currentVersion);
  const versionParam = Number(search.get('version')) || undefined;
  const viewingOld =
    versionParam !== undefined && plan.data !== undefined && versionParam !== plan.data.currentVersion;
  const oldVersion = useVersion(planId, viewingOld ? versionParam : undefined);
  const assignments = (viewingOld ? oldVersion.data?.assignments : plan.data?.assignments) ?? NO_ASSIGNMENTS;
  const timeZone = team.data?.timezone ?? 'UTC';
  const model = useBoardModel({
    timeZone,
    plan: plan.data,
    assignments,
    caregivers: caregivers.data?.items ?? [],
    clients: clients.data?.items ?? [],
    userId: user?.id,
    isCaregiver: user?.role === 'caregiver',
  });
  const [view, setView] = useState<string>('');
  const [selected, setSelected] = useState<string | null>(null);
  const axis = useMemo(() => axisOf(assignments, timeZone), [assignments, timeZone]);

  const basics = [team, caregivers, clients, plans];
  const failed = basics.find((query) => query.error);
  if (failed) return <ProblemMessage error={failed.error} onRetry={() => void failed.refetch()} />;
  if (basics.some((query) => query.isPending)) return <Loading />;

  const teamName = team.data?.name ?? '';
  const choosePlan = (id: string) => {
    setSelected(null);
    setSearch({ plan: id });
  };
  const header = (
    <header className="board-header">
      <h1>{t('board.titleWithTeam', { team: teamName })}</h1>
      <p className="hint-text">{t('board.timezone', { zone: timeZone })}</p>
      {/* Families never reach the board; every role that does may read these pages. */}
      <nav aria-label={t('board.teamPages')} className="team-pages">
        <Link to={`/teams/${teamId}/clients`}>{t('clients.link')}</Link>{' '}
        <Link to={`/teams/${teamId}/dashboard`}>{t('dashboard.link')}</Link>
      </nav>
    </header>
  );

  if (!planId)
    return (
      <section className="board">
        {header}
        <p>{t('board.noPlan')}</p>
        <h2>{t('board.startPlan')}</h2>
        <StartPlan teamId={teamId} onStarted={choosePlan} />
      </section>
    );
  if (plan.error) return <ProblemMessage error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <Loading />;
  const current = plan.data;

  const dates = datesBetween(current.periodStart, current.periodEnd);
  const today = localMoment(now(), timeZone).date;
  const day =
    view === 'week' ? 'week' : dates.includes(view) ? view : dates.includes(today) ? today : dates[0];
  const marks = marksOf(current);
  const selectedVisit = selected ? model.visit(selected) : undefined;
  const shownVersion = viewingOld ? versionParam : current.currentVersion;
  const versionItems = versions.data?.items ?? [];
  const setVersion = (number: number) => {
    setSelected(null);
    setSearch(
      number === current.currentVersion
        ? { plan: current.id }
        : { plan: current.id, version: String(number) },
    );
  };
  const select = (visitId: string) => setSelected((previous) => (previous === visitId ? null : visitId));
  const details = selectedVisit && (
    <VisitDetails
      plan={current}
      visit={selectedVisit}
      model={model}
      readOnly={viewingOld}
      onClose={() => setSelected(null)}
    />
  );
  // On a phone the details open in place, next to the tapped visit, when the view shows it;
  // otherwise (and on a wide screen) in the side panel.
  const shownInPlace =
    narrow &&
    selectedVisit !== undefined &&
    (selectedVisit.caregiverIds.length === 0 ||
      day === 'week' ||
      (selectedVisit.start !== null && localMoment(selectedVisit.start, timeZone).date === day));
  const inPlace = shownInPlace ? details : undefined;

  return (
    <section className="board">
      {header}
      <div className="plan-bar row">
        {(plans.data?.items.length ?? 0) > 1 && (
          <label>
            {t('board.plan')}
            <select value={current.id} onChange={(event) => choosePlan(event.target.value)}>
              {plans.data?.items.map((item) => (
                <option key={item.id} value={item.id}>
                  {t('board.planOption', {
                    from: shortDay(item.periodStart),
                    to: shortDay(item.periodEnd),
                    status: t(`board.status.${item.status as 'proposal'}`),
                  })}
                </option>
              ))}
            </select>
          </label>
        )}
        <p className="plan-summary">
          <span className={`status-badge status-${current.status}`}>
            {t(`board.status.${current.status as 'proposal'}`)}
          </span>{' '}
          {current.currentVersion > 0
            ? t('board.summary', {
                version: shownVersion ?? current.currentVersion,
                from: shortDay(current.periodStart),
                to: shortDay(current.periodEnd),
              })
            : t('board.noVersionYet')}
        </p>
        {versionItems.length > 1 && (
          <label>
            {t('board.showVersion')}
            <select value={shownVersion} onChange={(event) => setVersion(Number(event.target.value))}>
              {versionItems.map((version) => (
                <option key={version.number} value={version.number}>
                  {t(
                    version.number === current.currentVersion
                      ? 'board.versionCurrent'
                      : 'board.versionOption',
                    {
                      number: version.number,
                      kind: t(`board.kind.${version.kind as 'computed'}`),
                    },
                  )}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      <ComputationProgress plan={current} />
      {viewingOld && (
        <div className="notice row">
          <span>{t('board.oldVersion', { number: versionParam, current: current.currentVersion })}</span>
          <button type="button" onClick={() => setVersion(current.currentVersion)}>
            {t('board.backToCurrent')}
          </button>
        </div>
      )}
      {viewingOld && oldVersion.error && <ProblemMessage error={oldVersion.error} />}
      <PlanActions plan={current} model={model} readOnly={viewingOld} />

      <div className="board-grid">
        <div className="board-main">
          <section aria-labelledby="timeline-title">
            <div className="timeline-head">
              <h2 id="timeline-title">{t('board.timeline.title')}</h2>
              <Legend />
            </div>
            <div className="day-picker" role="group" aria-label={t('board.view.label')}>
              {dates.map((date) => (
                <button key={date} type="button" aria-pressed={day === date} onClick={() => setView(date)}>
                  {shortDay(date)}
                </button>
              ))}
              <button type="button" aria-pressed={day === 'week'} onClick={() => setView('week')}>
                {t('board.view.week')}
              </button>
            </div>
            {day === 'week' ? (
              <WeekTimeline
                model={model}
                dates={dates}
                marks={marks}
                selected={selected}
                onSelect={select}
                details={inPlace}
              />
            ) : (
              <DayTimeline
                model={model}
                date={day}
                axis={axis}
                marks={marks}
                selected={selected}
                onSelect={select}
                details={inPlace}
              />
            )}
          </section>
          <UnassignedLane
            model={model}
            visits={unassignedOf(assignments)}
            marks={marks}
            selected={selected}
            onSelect={select}
            details={inPlace}
          />
        </div>
        <aside className="board-side">
          {!shownInPlace && details}
          <MembersPanel plan={current} model={model} />
          <OpenItemsPanel plan={current} model={model} onSelect={setSelected} />
          <KpiPanel versions={versionItems} shown={shownVersion ?? current.currentVersion} />
        </aside>
      </div>
      <ContinuityPanel model={model} />
      {versionItems.length > 0 && <DiffView planId={current.id} versions={versionItems} model={model} />}
      <details className="start-another">
        <summary>{t('board.startAnother')}</summary>
        <StartPlan teamId={teamId} onStarted={choosePlan} />
      </details>
    </section>
  );
}
