import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProblemError, problemOf } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { availabilityApi, availabilityKeys, type PatternView } from './availability-api';
import { FieldError } from './FieldError';
import { minutesOf } from './local-dates';
import {
  bodyOf,
  draftOf,
  isChanged,
  newRowKey,
  placeProblems,
  rowsOf,
  WEEKDAYS,
  type DraftWindow,
  type PatternBody,
  type PatternDraft,
} from './pattern-draft';
import { weekdayInText, weekdayName } from './words';

/** A new row's times: a morning, which the caregiver changes. */
const NEW_ROW = { start: '08:00', end: '12:00' };

/**
 * The weekly pattern as seven weekdays of time ranges, saved at once with PUT (the API replaces
 * the whole pattern). A refusal is shown next to the row or date it is about.
 */
export function WeeklyPattern({
  caregiverId,
  pattern,
  today,
}: {
  caregiverId: string;
  pattern: PatternView;
  today: string;
}) {
  const queries = useQueryClient();
  const [saved, setSaved] = useState(() => draftOf(pattern, today));
  const [draft, setDraft] = useState<PatternDraft>(saved);
  // What was sent last: the API names refused windows by their index in it.
  const [sent, setSent] = useState<{ body: PatternBody; keys: string[] } | null>(null);
  const save = useMutation({
    mutationFn: (body: PatternBody) => availabilityApi.replacePattern(caregiverId, body),
    onSuccess: async (result) => {
      const next = draftOf(result, today);
      setSaved(next);
      setDraft(next);
      queries.setQueryData([...availabilityKeys.all(caregiverId), 'pattern'], result);
      await queries.invalidateQueries({ queryKey: [...availabilityKeys.all(caregiverId), 'expanded'] });
    },
  });

  const problems = problemOf(save.error).problems ?? [];
  const placed = placeProblems(problems, sent?.keys ?? [], (index) => {
    const window = sent?.body.windows[index];
    return window
      ? t('availability.pattern.window', {
          day: weekdayName(window.weekday),
          from: window.start,
          until: window.end,
        })
      : undefined;
  });
  // The summary keeps the API's title and what has no field on the page.
  const summary =
    save.error instanceof ProblemError
      ? new ProblemError({ ...save.error.problem, problems: placed.unplaced })
      : save.error;
  const changed = isChanged(draft, saved);

  const update = (key: string, change: Partial<DraftWindow>) =>
    setDraft((current) => ({
      ...current,
      windows: current.windows.map((window) => (window.key === key ? { ...window, ...change } : window)),
    }));
  const add = (weekday: number) =>
    setDraft((current) => ({
      ...current,
      windows: [...current.windows, { key: newRowKey(), weekday, ...NEW_ROW }],
    }));
  const remove = (key: string) =>
    setDraft((current) => ({ ...current, windows: current.windows.filter((window) => window.key !== key) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = bodyOf(draft);
    setSent(request);
    save.mutate(request.body);
  };

  return (
    <section aria-labelledby="pattern-title" className="panel">
      <h2 id="pattern-title">{t('availability.pattern.title')}</h2>
      <p className="hint-line">{t('availability.pattern.intro')}</p>
      <form onSubmit={submit} className="stack" noValidate>
        <div className="week">
          {WEEKDAYS.map((weekday) => (
            <Weekday
              key={weekday}
              weekday={weekday}
              rows={rowsOf(draft, weekday)}
              errors={placed.byField}
              onChange={update}
              onAdd={() => add(weekday)}
              onRemove={remove}
            />
          ))}
        </div>
        <div className="row dates">
          <div className="field">
            <label>
              {t('availability.pattern.validFrom')}
              <input
                type="date"
                required
                value={draft.validFrom}
                onChange={(event) => setDraft({ ...draft, validFrom: event.target.value })}
                aria-invalid={placed.byField.has('validFrom') || undefined}
                aria-describedby="pattern-valid-from-error"
              />
            </label>
            <FieldError id="pattern-valid-from-error" messages={placed.byField.get('validFrom')} />
          </div>
          <div className="field">
            <label>
              {t('availability.pattern.validUntil')}
              <input
                type="date"
                value={draft.validUntil}
                onChange={(event) => setDraft({ ...draft, validUntil: event.target.value })}
                aria-invalid={placed.byField.has('validUntil') || undefined}
                aria-describedby="pattern-valid-until-error"
              />
            </label>
            <FieldError id="pattern-valid-until-error" messages={placed.byField.get('validUntil')} />
          </div>
        </div>
        <p className="hint-line">{t('availability.pattern.validHint')}</p>
        <ProblemMessage error={summary} />
        <div role="status" aria-live="polite" className="status-line">
          {save.isSuccess && !changed && <p className="success">{t('availability.pattern.saved')}</p>}
          {changed && <p className="notice">{t('availability.pattern.unsaved')}</p>}
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('availability.pattern.saving') : t('availability.pattern.save')}
          </button>
          {changed && (
            <button
              type="button"
              onClick={() => {
                setDraft(saved);
                save.reset();
              }}
            >
              {t('availability.pattern.undo')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function Weekday({
  weekday,
  rows,
  errors,
  onChange,
  onAdd,
  onRemove,
}: {
  weekday: number;
  rows: DraftWindow[];
  errors: Map<string, string[]>;
  onChange: (key: string, change: Partial<DraftWindow>) => void;
  onAdd: () => void;
  onRemove: (key: string) => void;
}) {
  const day = weekdayName(weekday);
  return (
    <fieldset className="weekday">
      <legend>{day}</legend>
      {rows.length === 0 && <p className="muted">{t('availability.pattern.noTimes')}</p>}
      {rows.length > 0 && (
        <ul className="ranges">
          {rows.map((row, index) => {
            const several = rows.length > 1;
            const values = { day, n: index + 1 };
            const fromLabel = several
              ? t('availability.pattern.nthFromLabel', values)
              : t('availability.pattern.fromLabel', values);
            const untilLabel = several
              ? t('availability.pattern.nthUntilLabel', values)
              : t('availability.pattern.untilLabel', values);
            const overnight =
              /^\d\d:\d\d$/.test(row.start) &&
              /^\d\d:\d\d$/.test(row.end) &&
              minutesOf(row.end) <= minutesOf(row.start);
            const rowErrors = [
              ...(errors.get(row.key) ?? []),
              ...(errors.get(`${row.key}.start`) ?? []),
              ...(errors.get(`${row.key}.end`) ?? []),
            ];
            const errorId = `${row.key}-error`;
            const invalid = rowErrors.length > 0 || undefined;
            return (
              <li key={row.key} className="range">
                <label>
                  <span className="visually-hidden">{fromLabel}</span>
                  <span aria-hidden="true">{t('availability.pattern.from')}</span>
                  <input
                    type="time"
                    required
                    value={row.start}
                    onChange={(event) => onChange(row.key, { start: event.target.value })}
                    aria-invalid={invalid}
                    aria-describedby={invalid && errorId}
                  />
                </label>
                <label>
                  <span className="visually-hidden">{untilLabel}</span>
                  <span aria-hidden="true">{t('availability.pattern.until')}</span>
                  <input
                    type="time"
                    required
                    value={row.end}
                    onChange={(event) => onChange(row.key, { end: event.target.value })}
                    aria-invalid={invalid}
                    aria-describedby={invalid && errorId}
                  />
                </label>
                <button
                  type="button"
                  className="danger"
                  aria-label={t('availability.pattern.removeLabel', { day, from: row.start, until: row.end })}
                  onClick={() => onRemove(row.key)}
                >
                  {t('availability.pattern.remove')}
                </button>
                {overnight && <span className="muted next-day">{t('availability.pattern.nextDay')}</span>}
                <FieldError id={errorId} messages={rowErrors} />
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="add" onClick={onAdd}>
        {t('availability.pattern.add')}
        <span className="visually-hidden">
          {' '}
          {t('availability.pattern.addOn', { day: weekdayInText(weekday) })}
        </span>
      </button>
    </fieldset>
  );
}
