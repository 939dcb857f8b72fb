// The client's care needs: what visit is needed on which days, in which window, for how long and
// with which skills. A coordinator adds, changes and removes them; the next roster follows.
import { useId, useState } from 'react';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t, type MessageKey } from '../../i18n';
import { shortDay } from '../../lib/format';
import { todayIn } from '../availability/local-dates';
import { ConfirmDialog } from '../hours/ConfirmDialog';
import { bodyOf, draftOf, newDraft, WEEKDAYS, type CareNeedDraft } from './care-need-draft';
import {
  useAddCareNeed,
  useCareNeeds,
  useRemoveCareNeed,
  useTeam,
  useUpdateCareNeed,
  type CareNeed,
  type CareNeedBody,
} from './clients-api';

const PRIORITIES = ['critical', 'normal', 'optional'] as const;
const weekdayName = (day: number) => t(`weekday.${day}` as MessageKey);
const nameOf = (careNeed: CareNeed) => careNeed.description || t('careNeeds.noDescription');

export function CareNeeds({
  clientId,
  teamId,
  editable,
}: {
  clientId: string;
  teamId: string;
  editable: boolean;
}) {
  const careNeeds = useCareNeeds(clientId);
  const team = useTeam(teamId);
  const [adding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const add = useAddCareNeed(clientId);
  const today = todayIn(team.data?.timezone ?? 'Europe/Amsterdam');
  return (
    <section aria-labelledby="care-needs-title" className="client-section">
      <h2 id="care-needs-title">{t('careNeeds.title')}</h2>
      {careNeeds.isPending ? (
        <Loading />
      ) : careNeeds.error ? (
        <ProblemMessage error={careNeeds.error} onRetry={() => void careNeeds.refetch()} />
      ) : careNeeds.data.items.length === 0 ? (
        <p>{t('careNeeds.none')}</p>
      ) : (
        <ul className="care-needs" aria-labelledby="care-needs-title">
          {careNeeds.data.items.map((careNeed) => (
            <CareNeedItem
              key={careNeed.id}
              careNeed={careNeed}
              editable={editable}
              onDone={setAnnouncement}
            />
          ))}
        </ul>
      )}
      <p role="status" aria-live="polite" className="status-line">
        {announcement && <span className="success">{announcement}</span>}
      </p>
      {editable &&
        (adding ? (
          <CareNeedForm
            title={t('careNeeds.addTitle')}
            initial={newDraft(today)}
            submitLabel={t('careNeeds.add')}
            busy={add.isPending}
            error={add.error}
            onSubmit={(body) =>
              add.mutate(body, {
                onSuccess: () => {
                  setAdding(false);
                  setAnnouncement(t('careNeeds.added'));
                },
              })
            }
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button
            type="button"
            onClick={() => {
              add.reset();
              setAnnouncement('');
              setAdding(true);
            }}
          >
            {t('careNeeds.add')}
          </button>
        ))}
    </section>
  );
}

function CareNeedItem({
  careNeed,
  editable,
  onDone,
}: {
  careNeed: CareNeed;
  editable: boolean;
  onDone: (announcement: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const update = useUpdateCareNeed(careNeed.id);
  const remove = useRemoveCareNeed(careNeed.id);
  const name = nameOf(careNeed);
  const days = [...careNeed.weekdays].sort().map(weekdayName).join(', ');
  return (
    <li className="care-need">
      <h3>{name}</h3>
      <p>
        {t('careNeeds.summary', {
          days,
          from: careNeed.windowStart,
          until: careNeed.windowEnd,
          minutes: careNeed.durationMinutes,
        })}
      </p>
      <p className="hint-line">
        {[
          t(`careNeeds.priority.${careNeed.priority}`),
          careNeed.caregiversNeeded > 1 ? t('careNeeds.people', { count: careNeed.caregiversNeeded }) : '',
          careNeed.requiredSkills.length > 0
            ? t('careNeeds.skillsShort', { skills: careNeed.requiredSkills.join(', ') })
            : '',
          careNeed.endsOn
            ? t('careNeeds.periodUntil', {
                from: shortDay(careNeed.startsOn),
                until: shortDay(careNeed.endsOn),
              })
            : t('careNeeds.period', { from: shortDay(careNeed.startsOn) }),
        ]
          .filter((part) => part !== '')
          .join(' · ')}
      </p>
      {editable && !editing && (
        <div className="row">
          <button
            type="button"
            onClick={() => {
              update.reset();
              setEditing(true);
            }}
          >
            {t('careNeeds.edit', { name })}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              remove.reset();
              setRemoving(true);
            }}
          >
            {t('careNeeds.remove', { name })}
          </button>
        </div>
      )}
      {editing && (
        <CareNeedForm
          title={t('careNeeds.editTitle')}
          initial={draftOf(careNeed)}
          submitLabel={t('careNeeds.saveChange')}
          busy={update.isPending}
          error={update.error}
          onSubmit={(body) =>
            update.mutate(body, {
              onSuccess: () => {
                setEditing(false);
                onDone(t('careNeeds.changed'));
              },
            })
          }
          onCancel={() => setEditing(false)}
        />
      )}
      {/* Mounted only while asking: one dialog on the page at a time (they share their ids). */}
      {removing && (
        <ConfirmDialog
          open
          title={t('careNeeds.removeTitle')}
          confirmLabel={t('careNeeds.confirmRemove')}
          busy={remove.isPending}
          error={remove.error}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                setRemoving(false);
                onDone(t('careNeeds.removed'));
              },
            })
          }
          onCancel={() => setRemoving(false)}
        >
          <p>{t('careNeeds.removeBody')}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}

function CareNeedForm({
  title,
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: CareNeedDraft;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (body: CareNeedBody) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof CareNeedDraft>(key: K, value: CareNeedDraft[K]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));
  const text = (key: Exclude<keyof CareNeedDraft, 'weekdays'>, label: MessageKey, type = 'text') => (
    <label>
      {t(label)}
      <input
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        value={draft[key]}
        onChange={(event) => set(key, event.target.value as never)}
      />
    </label>
  );
  return (
    <form
      className="care-need-form stack"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(bodyOf(draft));
      }}
    >
      <h3 id={`${id}-title`}>{title}</h3>
      {text('description', 'careNeeds.description')}
      <fieldset>
        <legend>{t('careNeeds.weekdays')}</legend>
        <div className="row">
          {WEEKDAYS.map((day) => (
            <label key={day} className="inline">
              <input
                type="checkbox"
                checked={draft.weekdays.includes(day)}
                onChange={(event) =>
                  set(
                    'weekdays',
                    event.target.checked
                      ? [...draft.weekdays, day]
                      : draft.weekdays.filter((chosen) => chosen !== day),
                  )
                }
              />
              {weekdayName(day)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-grid">
        {text('windowStart', 'careNeeds.from', 'time')}
        {text('windowEnd', 'careNeeds.until', 'time')}
        {text('durationMinutes', 'careNeeds.duration', 'number')}
        {text('caregiversNeeded', 'careNeeds.caregiversNeeded', 'number')}
        <label>
          {t('careNeeds.priority')}
          <select
            value={draft.priority}
            onChange={(event) => set('priority', event.target.value as CareNeedDraft['priority'])}
          >
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`careNeeds.priority.${priority}`)}
              </option>
            ))}
          </select>
        </label>
        {text('startsOn', 'careNeeds.startsOn', 'date')}
        {text('endsOn', 'careNeeds.endsOn', 'date')}
      </div>
      {text('requiredSkills', 'careNeeds.skills')}
      <ProblemMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('clients.saving') : submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('careNeeds.cancel')}
        </button>
      </div>
    </form>
  );
}
