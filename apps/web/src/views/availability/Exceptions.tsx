import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ProblemError, problemOf, type FieldProblem } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { availabilityApi, availabilityKeys, EXCEPTION_KINDS } from './availability-api';
import { spanOfForm, type ExceptionForm } from './availability-days';
import { FieldError } from './FieldError';
import { kindLabel, spanLabel } from './words';

interface Change {
  id: string;
  type: 'unavailable' | 'available';
  start: string;
  end: string;
  kind?: string;
  note?: string | null;
}

const emptyForm = (today: string): ExceptionForm => ({
  availability: 'unavailable',
  date: today,
  allDay: true,
  lastDate: '',
  from: '09:00',
  until: '17:00',
  kind: 'leave',
  note: '',
});

/**
 * One-off changes from today on: time off (exceptions, with a reason) and extra time (dated
 * windows). Added with a small form, deleted one by one.
 */
export function Exceptions({ caregiverId, today }: { caregiverId: string; today: string }) {
  const queries = useQueryClient();
  const keys = availabilityKeys.all(caregiverId);
  const exceptions = useQuery({
    queryKey: [...keys, 'exceptions', today],
    queryFn: () => availabilityApi.exceptions(caregiverId, today),
  });
  const windows = useQuery({
    queryKey: [...keys, 'windows', today],
    queryFn: () => availabilityApi.windows(caregiverId, today),
  });
  const [announcement, setAnnouncement] = useState('');
  const refresh = () => queries.invalidateQueries({ queryKey: keys });
  const remove = useMutation({
    mutationFn: (change: Change) =>
      change.type === 'unavailable'
        ? availabilityApi.removeException(caregiverId, change.id)
        : availabilityApi.removeWindow(caregiverId, change.id),
    onSuccess: async (_result, change) => {
      setAnnouncement(t('availability.exceptions.deleted', { what: describe(change) }));
      await refresh();
    },
  });

  const changes: Change[] = [
    ...(exceptions.data?.items ?? []).map((item) => ({ ...item, type: 'unavailable' as const })),
    ...(windows.data?.items ?? []).map((item) => ({ ...item, type: 'available' as const })),
  ].sort((left, right) => left.start.localeCompare(right.start));
  const loadError = exceptions.error ?? windows.error;

  return (
    <section aria-labelledby="exceptions-title" className="panel">
      <h2 id="exceptions-title">{t('availability.exceptions.title')}</h2>
      <p className="hint-line">{t('availability.exceptions.intro')}</p>
      {exceptions.isPending || windows.isPending ? (
        <Loading />
      ) : loadError ? (
        <ProblemMessage
          error={loadError}
          onRetry={() => {
            void exceptions.refetch();
            void windows.refetch();
          }}
        />
      ) : changes.length === 0 ? (
        <p className="muted">{t('availability.exceptions.none')}</p>
      ) : (
        <ul className="changes" aria-label={t('availability.exceptions.listLabel')}>
          {changes.map((change) => (
            <li key={`${change.type}:${change.id}`} className={`change change-${change.type}`}>
              <div>
                <span className="when">{spanLabel(change)}</span>
                <span className={`tag tag-${change.type}`}>
                  {change.type === 'unavailable'
                    ? t('availability.exceptions.unavailable')
                    : t('availability.exceptions.available')}
                </span>
                {change.kind && <span className="reason">{kindLabel(change.kind)}</span>}
                {change.note && <span className="note">{change.note}</span>}
              </div>
              <button
                type="button"
                className="danger"
                aria-label={t('availability.exceptions.deleteLabel', { what: describe(change) })}
                disabled={remove.isPending && remove.variables?.id === change.id}
                onClick={() => remove.mutate(change)}
              >
                {t('availability.exceptions.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage error={remove.error} />
      <AddChange
        caregiverId={caregiverId}
        today={today}
        onAdded={async (change) => {
          setAnnouncement(t('availability.exceptions.added', { what: describe(change) }));
          remove.reset();
          await refresh();
        }}
      />
      <p role="status" aria-live="polite" className="status-line">
        {announcement}
      </p>
    </section>
  );
}

function describe(change: Pick<Change, 'type' | 'start' | 'end' | 'kind'>): string {
  const what =
    change.type === 'unavailable'
      ? t('availability.exceptions.unavailable')
      : t('availability.exceptions.available');
  return `${spanLabel(change)}: ${what}${change.kind ? ` (${kindLabel(change.kind)})` : ''}`;
}

/** Which form field an API path is about. */
function fieldOf(path: string, form: ExceptionForm): string | undefined {
  switch (path) {
    case '$.start':
      return form.allDay ? 'date' : 'from';
    case '$.end':
      return form.allDay ? 'lastDate' : 'until';
    case '$.kind':
      return 'kind';
    case '$.note':
      return 'note';
    default:
      return undefined;
  }
}

function AddChange({
  caregiverId,
  today,
  onAdded,
}: {
  caregiverId: string;
  today: string;
  onAdded: (change: Omit<Change, 'id'>) => Promise<void>;
}) {
  const id = useId();
  const [form, setForm] = useState(() => emptyForm(today));
  const [sentForm, setSentForm] = useState(form);
  const add = useMutation({
    mutationFn: async (sent: ExceptionForm) => {
      const span = spanOfForm(sent);
      if (sent.availability === 'available') await availabilityApi.addWindow(caregiverId, span);
      else
        await availabilityApi.addException(caregiverId, {
          ...span,
          kind: sent.kind,
          ...(sent.note.trim() ? { note: sent.note.trim() } : {}),
        });
      return {
        type: sent.availability,
        ...span,
        kind: sent.availability === 'unavailable' ? sent.kind : undefined,
      };
    },
    onSuccess: async (change) => {
      setForm((current) => ({ ...emptyForm(today), availability: current.availability }));
      await onAdded(change);
    },
  });

  const byField = new Map<string, string[]>();
  const unplaced: FieldProblem[] = [];
  for (const problem of problemOf(add.error).problems ?? []) {
    const field = fieldOf(problem.path, sentForm);
    if (field) byField.set(field, [...(byField.get(field) ?? []), problem.message]);
    else unplaced.push(problem);
  }
  const summary =
    add.error instanceof ProblemError
      ? new ProblemError({ ...add.error.problem, problems: unplaced })
      : add.error;
  const describedBy = (field: string, hint?: string) => {
    const ids = [hint, byField.has(field) ? `${id}-${field}-error` : undefined].filter(Boolean);
    return {
      'aria-invalid': byField.has(field) || undefined,
      'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
    };
  };
  const error = (field: string) => <FieldError id={`${id}-${field}-error`} messages={byField.get(field)} />;
  const set = (change: Partial<ExceptionForm>) => setForm((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSentForm(form);
    add.mutate(form);
  };
  const unavailable = form.availability === 'unavailable';

  return (
    <form onSubmit={submit} className="stack add-change" noValidate>
      <h3>{t('availability.form.title')}</h3>
      <fieldset className="choice">
        <legend>{t('availability.form.type')}</legend>
        <label className="inline">
          <input
            type="radio"
            name={`${id}-availability`}
            checked={unavailable}
            onChange={() => set({ availability: 'unavailable' })}
          />
          {t('availability.form.unavailable')}
        </label>
        <label className="inline">
          <input
            type="radio"
            name={`${id}-availability`}
            checked={!unavailable}
            onChange={() => set({ availability: 'available', allDay: false })}
          />
          {t('availability.form.available')}
        </label>
      </fieldset>
      <label className="inline">
        <input
          type="checkbox"
          checked={form.allDay}
          onChange={(event) => set({ allDay: event.target.checked })}
        />
        {t('availability.form.allDay')}
      </label>
      <div className="row fields">
        <div className="field">
          <label>
            {form.allDay ? t('availability.form.firstDate') : t('availability.form.date')}
            <input
              type="date"
              required
              value={form.date}
              onChange={(event) => set({ date: event.target.value })}
              {...describedBy('date')}
            />
          </label>
          {error('date')}
        </div>
        {form.allDay ? (
          <div className="field">
            <label>
              {t('availability.form.lastDate')}
              <input
                type="date"
                min={form.date}
                value={form.lastDate}
                onChange={(event) => set({ lastDate: event.target.value })}
                {...describedBy('lastDate')}
              />
            </label>
            {error('lastDate')}
          </div>
        ) : (
          <>
            <div className="field">
              <label>
                {t('availability.form.from')}
                <input
                  type="time"
                  required
                  value={form.from}
                  onChange={(event) => set({ from: event.target.value })}
                  {...describedBy('from')}
                />
              </label>
              {error('from')}
            </div>
            <div className="field">
              <label>
                {t('availability.form.until')}
                <input
                  type="time"
                  required
                  value={form.until}
                  onChange={(event) => set({ until: event.target.value })}
                  {...describedBy('until')}
                />
              </label>
              {error('until')}
            </div>
          </>
        )}
      </div>
      {unavailable && (
        <div className="row fields">
          <div className="field">
            <label>
              {t('availability.form.reason')}
              <select
                value={form.kind}
                onChange={(event) =>
                  set({ kind: EXCEPTION_KINDS.find((kind) => kind === event.target.value) ?? form.kind })
                }
                {...describedBy('kind')}
              >
                {EXCEPTION_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {kindLabel(kind)}
                  </option>
                ))}
              </select>
            </label>
            {error('kind')}
          </div>
          <div className="field grow">
            <label>
              {t('availability.form.note')}
              <input
                type="text"
                maxLength={500}
                value={form.note}
                onChange={(event) => set({ note: event.target.value })}
                {...describedBy('note', `${id}-note-hint`)}
              />
            </label>
            <span className="hint-line" id={`${id}-note-hint`}>
              {t('availability.form.noteHint')}
            </span>
            {error('note')}
          </div>
        </div>
      )}
      <ProblemMessage error={summary} />
      <div className="row">
        <button type="submit" className="primary" disabled={add.isPending}>
          {add.isPending ? t('availability.form.busy') : t('availability.form.submit')}
        </button>
      </div>
    </form>
  );
}
