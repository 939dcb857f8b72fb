import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { followEventStream } from '../../api/event-stream';
import { unwrap } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { acceptLanguage, t } from '../../i18n';
import { dateTime } from '../../lib/format';

export const notificationKeys = {
  feed: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
};

/**
 * How many messages are unread, for the header: live from the API's stream (a new message shows
 * within seconds, and an open list of messages is read again), and read again every minute and on
 * each visit in case the stream is away.
 */
export function useUnreadCount(enabled: boolean) {
  const queries = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return followEventStream('/users/me/notifications/stream', {
      onEvent: (event) => {
        if (event.event !== 'unread') return;
        const { unreadCount } = JSON.parse(event.data) as { unreadCount: number };
        const before = queries.getQueryData<{ unreadCount: number }>(notificationKeys.unread);
        queries.setQueryData(notificationKeys.unread, { unreadCount });
        if (before?.unreadCount !== unreadCount)
          void queries.invalidateQueries({ queryKey: notificationKeys.feed, exact: true });
      },
    });
  }, [enabled, queries]);
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => unwrap(api.GET('/users/me/notifications/unread-count')),
    enabled,
    refetchInterval: 60_000,
  });
}

/**
 * What changed for this person (their visits, the team's plan, a client's plan, hours to approve),
 * newest first, written by the API in the page's language. Opening a message marks it read.
 */
export function NotificationsPage() {
  const queries = useQueryClient();
  const feed = useQuery({
    queryKey: notificationKeys.feed,
    queryFn: () =>
      unwrap(
        api.GET('/users/me/notifications', {
          params: { query: { limit: 50 }, header: { 'accept-language': acceptLanguage } },
        }),
      ),
  });
  const markRead = useMutation({
    mutationFn: (ids?: string[]) =>
      unwrap(api.POST('/users/me/notifications/read', { body: ids ? { ids } : {} })),
    onSuccess: () => queries.invalidateQueries({ queryKey: notificationKeys.feed }),
  });
  if (feed.isPending) return <Loading />;
  if (feed.error) return <ProblemMessage error={feed.error} onRetry={() => void feed.refetch()} />;
  const { items, unreadCount } = feed.data;
  return (
    <section className="narrow">
      <h1>{t('notifications.title')}</h1>
      <p>
        {unreadCount === 0 ? t('notifications.allRead') : t('notifications.unread', { count: unreadCount })}
      </p>
      {unreadCount > 0 && (
        <button type="button" onClick={() => markRead.mutate(undefined)} disabled={markRead.isPending}>
          {t('notifications.markAllRead')}
        </button>
      )}
      <ProblemMessage error={markRead.error} />
      {items.length === 0 ? (
        <p>{t('notifications.none')}</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={item.readAt ? 'notification read' : 'notification unread'}>
              <Link to={item.link} onClick={() => !item.readAt && markRead.mutate([item.id])}>
                {!item.readAt && <span className="visually-hidden">{t('notifications.new')} </span>}
                {item.text}
              </Link>
              <span className="hint"> {dateTime(item.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
