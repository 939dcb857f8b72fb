import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { dateTime } from '../../lib/format';

/** As long as the API takes (CALENDAR_FEED_NAME_MAX): the browser says so before sending. */
const NAME_MAX = 60;

/**
 * The private calendar links (.ics) of this client's visits: named when made ("My phone"), shown
 * once, listed by name and stopped one by one.
 */
export function CalendarFeeds({ clientId }: { clientId: string }) {
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [copied, setCopied] = useState(false);
  const feeds = useQuery({
    queryKey: ['calendar-feeds'],
    queryFn: () => unwrap(api.GET('/calendar-feeds')),
  });
  const create = useMutation({
    mutationFn: (feedName: string) =>
      unwrap(
        api.POST('/clients/{clientId}/calendar-feeds', {
          params: { path: { clientId } },
          body: { name: feedName },
        }),
      ),
    onSuccess: () => {
      setName('');
      setCopied(false);
      return queries.invalidateQueries({ queryKey: ['calendar-feeds'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (feedId: string) =>
      unwrap(api.DELETE('/calendar-feeds/{feedId}', { params: { path: { feedId } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['calendar-feeds'] }),
  });
  const mine = (feeds.data?.items ?? []).filter((feed) => feed.clientId === clientId && !feed.revokedAt);
  const created = create.data;
  const copy = async (url: string) => {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  };
  const nameOf = (feed: { name: string | null }) => feed.name ?? t('visitPlan.calendar.unnamed');
  return (
    <section aria-labelledby="calendar-title" className="plan-calendar">
      <h2 id="calendar-title">{t('visitPlan.calendar.title')}</h2>
      <p>{t('visitPlan.calendar.intro')}</p>
      {created && (
        <div className="success stack" role="status">
          <p>{t('visitPlan.calendar.created')}</p>
          <label>
            {t('visitPlan.calendar.url')}
            <input readOnly value={created.url} onFocus={(event) => event.target.select()} />
          </label>
          <div className="row">
            <button type="button" onClick={() => void copy(created.url)}>
              {copied ? t('visitPlan.calendar.copied') : t('visitPlan.calendar.copy')}
            </button>
            <a className="button" href={created.url.replace(/^https?:/, 'webcal:')}>
              {t('visitPlan.calendar.subscribe')}
            </a>
          </div>
        </div>
      )}
      <form
        className="stack plan-feed-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(name.trim());
        }}
      >
        <label>
          {t('visitPlan.calendar.name')}
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={NAME_MAX}
            aria-describedby="calendar-name-hint"
          />
        </label>
        <p id="calendar-name-hint" className="hint">
          {t('visitPlan.calendar.nameHint')}
        </p>
        <div>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('visitPlan.calendar.create')}
          </button>
        </div>
      </form>
      <ProblemMessage error={create.error ?? revoke.error} />
      {revoke.data && <p role="status">{t('visitPlan.calendar.revoked', { name: nameOf(revoke.data) })}</p>}
      {mine.length > 0 && (
        <>
          <h3>{t('visitPlan.calendar.existing')}</h3>
          <ul className="plan-feeds">
            {mine.map((feed) => (
              <li key={feed.id} className="plan-feed">
                <p className="plan-feed-name" id={`feed-${feed.id}`}>
                  {nameOf(feed)}
                </p>
                <p>
                  {t('visitPlan.calendar.madeOn', { date: dateTime(feed.createdAt) })},{' '}
                  {feed.lastFetchedAt
                    ? t('visitPlan.calendar.lastUsed', { date: dateTime(feed.lastFetchedAt) })
                    : t('visitPlan.calendar.neverUsed')}
                </p>
                <button
                  type="button"
                  className="danger"
                  aria-describedby={`feed-${feed.id}`}
                  onClick={() => revoke.mutate(feed.id)}
                  disabled={revoke.isPending}
                >
                  {t('visitPlan.calendar.revoke')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
