import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ProblemError, problemOf, type FieldProblem } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t, type MessageKey } from '../../i18n';
import { availabilityKeys, WISH_KINDS, wishesApi, type WishesView, type WishKind } from './availability-api';
import { FieldError } from './FieldError';

interface DraftWish {
  key: string;
  kind: WishKind;
  start: string;
  end: string;
}

let lastKey = 0;
const newKey = (): string => `wish-${++lastKey}`;
const draftOf = (view: WishesView): DraftWish[] =>
  view.wishes.map((wish) => ({ key: newKey(), kind: wish.kind, start: wish.start, end: wish.end }));
const sameWishes = (left: DraftWish[], right: DraftWish[]): boolean =>
  left.length === right.length &&
  left.every(
    (wish, index) =>
      wish.kind === right[index].kind && wish.start === right[index].start && wish.end === right[index].end,
  );
const WISH_PATH = /^\$\.wishes\[(\d+)\](?:\.(start|end|kind))?$/;

/**
 * The caregiver's wishes beside their availability: times they would rather not work (`avoid`) or
 * would rather work (`prefer`). Soft: the roster weighs them but may break them, so they are one
 * list saved at once (the API replaces the whole list).
 */
export function Wishes({ caregiverId, today }: { caregiverId: string; today: string }) {
  const wishes = useQuery({
    queryKey: [...availabilityKeys.all(caregiverId), 'wishes'],
    queryFn: () => wishesApi.wishes(caregiverId),
    // Edits live in the form; a refetch must not look like it threw them away.
    refetchOnWindowFocus: false,
  });
  return (
    <section aria-labelledby="wishes-title" className="panel">
      <h2 id="wishes-title">{t('availability.wishes.title')}</h2>
      <p className="hint-line">{t('availability.wishes.intro')}</p>
      {wishes.isPending ? (
        <Loading />
      ) : wishes.error ? (
        <ProblemMessage error={wishes.error} onRetry={() => void wishes.refetch()} />
      ) : (
        <WishesForm caregiverId={caregiverId} today={today} view={wishes.data} />
      )}
    </section>
  );
}

function WishesForm({ caregiverId, today, view }: { caregiverId: string; today: string; view: WishesView }) {
  const queries = useQueryClient();
  const [saved, setSaved] = useState(() => draftOf(view));
  const [draft, setDraft] = useState(saved);
  // The keys of the rows as sent: the API names a refused wish by its index in the list.
  const [sentKeys, setSentKeys] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (rows: DraftWish[]) =>
      wishesApi.replaceWishes(
        caregiverId,
        rows.map(({ kind, start, end }) => ({ kind, start, end })),
      ),
    onSuccess: (result) => {
      const next = draftOf(result);
      setSaved(next);
      setDraft(next);
      queries.setQueryData([...availabilityKeys.all(caregiverId), 'wishes'], result);
    },
  });

  const byField = new Map<string, string[]>();
  const unplaced: FieldProblem[] = [];
  for (const problem of problemOf(save.error).problems ?? []) {
    const match = WISH_PATH.exec(problem.path);
    const key = match ? sentKeys[Number(match[1])] : undefined;
    if (!match || key === undefined) unplaced.push(problem);
    else {
      const field = `${key}.${match[2] ?? 'end'}`;
      byField.set(field, [...(byField.get(field) ?? []), problem.message]);
    }
  }
  const summary =
    save.error instanceof ProblemError
      ? new ProblemError({ ...save.error.problem, problems: unplaced })
      : save.error;
  const changed = !sameWishes(draft, saved);

  const update = (key: string, change: Partial<DraftWish>) => {
    setDraft((current) => current.map((wish) => (wish.key === key ? { ...wish, ...change } : wish)));
  };
  const add = () => {
    setDraft((current) => [
      ...current,
      { key: newKey(), kind: 'avoid', start: `${today}T18:00`, end: `${today}T22:00` },
    ]);
  };
  const remove = (key: string) => {
    setDraft((current) => current.filter((wish) => wish.key !== key));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSentKeys(draft.map((wish) => wish.key));
    save.mutate(draft);
  };

  return (
    <form onSubmit={submit} className="stack" noValidate>
      {draft.length === 0 ? (
        <p className="muted">{t('availability.wishes.none')}</p>
      ) : (
        <ul className="wishes" aria-label={t('availability.wishes.listLabel')}>
          {draft.map((wish, index) => {
            const n = index + 1;
            const errorsOf = (field: string) => byField.get(`${wish.key}.${field}`);
            const messages = [
              ...(errorsOf('kind') ?? []),
              ...(errorsOf('start') ?? []),
              ...(errorsOf('end') ?? []),
            ];
            const errorId = `${wish.key}-error`;
            const invalid = (field: string) => ({
              'aria-invalid': errorsOf(field) ? true : undefined,
              'aria-describedby': errorsOf(field) ? errorId : undefined,
            });
            return (
              <li key={wish.key} className={`wish wish-${wish.kind}`}>
                <label>
                  <span aria-hidden="true">{t('availability.wishes.kind')}</span>
                  {/* Named here: inside its label a select's name would take in the chosen option too. */}
                  <select
                    aria-label={t('availability.wishes.kindLabel', { n })}
                    value={wish.kind}
                    onChange={(event) =>
                      update(wish.key, {
                        kind: WISH_KINDS.find((kind) => kind === event.target.value) ?? wish.kind,
                      })
                    }
                    {...invalid('kind')}
                  >
                    {WISH_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`availability.wishes.${kind}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  <span className="visually-hidden">{t('availability.wishes.fromLabel', { n })}</span>
                  <span aria-hidden="true">{t('availability.wishes.from')}</span>
                  <input
                    type="datetime-local"
                    required
                    value={wish.start}
                    onChange={(event) => update(wish.key, { start: event.target.value })}
                    {...invalid('start')}
                  />
                </label>
                <label>
                  <span className="visually-hidden">{t('availability.wishes.untilLabel', { n })}</span>
                  <span aria-hidden="true">{t('availability.wishes.until')}</span>
                  <input
                    type="datetime-local"
                    required
                    value={wish.end}
                    onChange={(event) => update(wish.key, { end: event.target.value })}
                    {...invalid('end')}
                  />
                </label>
                <button
                  type="button"
                  className="danger"
                  aria-label={t('availability.wishes.removeLabel', { n })}
                  onClick={() => remove(wish.key)}
                >
                  {t('availability.wishes.remove')}
                </button>
                <FieldError id={errorId} messages={messages} />
              </li>
            );
          })}
        </ul>
      )}
      <div className="row">
        <button type="button" className="add" onClick={add}>
          {t('availability.wishes.add')}
        </button>
      </div>
      <ProblemMessage error={summary} />
      <div role="status" aria-live="polite" className="status-line">
        {save.isSuccess && !changed && <p className="success">{t('availability.wishes.saved')}</p>}
        {changed && <p className="notice">{t('availability.wishes.unsaved')}</p>}
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('availability.wishes.saving') : t('availability.wishes.save')}
        </button>
        {changed && (
          <button
            type="button"
            onClick={() => {
              setDraft(saved);
              save.reset();
            }}
          >
            {t('availability.wishes.undo')}
          </button>
        )}
      </div>
    </form>
  );
}
