import { NavLink, Outlet, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { chooseLanguageAndReload, language, t, type Language } from '../i18n';
import { session } from '../session/store';
import { useUser } from '../session/use-session';
import { navigationFor } from '../navigation';
import { useUnreadCount } from '../views/notifications/NotificationsPage';

/** The frame of every page: a skip link, the app's name, the user's places and sign-out. */
export function Layout() {
  const user = useUser();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const signOut = async () => {
    await session.signOut();
    // Nothing of this user's may stay on screen or in memory for the next one.
    queries.clear();
    await navigate('/sign-in');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <NavLink to="/" className="app-name">
          {t('app.name')}
        </NavLink>
        {user && (
          <nav aria-label={t('nav.main')}>
            <ul>
              {navigationFor(user).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to}>{t(item.label)}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {user && <MessagesLink />}
        <LanguageSwitch />
        {user && (
          <div className="account">
            <span>{t('app.signedInAs', { name: user.name })}</span>
            <button type="button" onClick={() => void signOut()}>
              {t('app.signOut')}
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

/** "Messages (2)": what changed for this person, with how many are unread. */
function MessagesLink() {
  const unread = useUnreadCount(true);
  const count = unread.data?.unreadCount ?? 0;
  return (
    <NavLink to="/notifications" className="messages-link">
      {count > 0 ? t('notifications.linkUnread', { count }) : t('notifications.link')}
    </NavLink>
  );
}

/** Each language named in itself, so that a person finds their own whatever the page speaks. */
const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

/** "Nederlands / English": the person's choice, remembered in this browser, then the page reloads in it. */
function LanguageSwitch() {
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {(['nl', 'en'] as const).map((option, index) => (
        <span key={option}>
          {index > 0 && <span aria-hidden="true"> / </span>}
          <button
            type="button"
            lang={option}
            aria-pressed={option === language}
            onClick={() => {
              if (option !== language) chooseLanguageAndReload(option);
            }}
          >
            {LANGUAGE_NAMES[option]}
          </button>
        </span>
      ))}
    </div>
  );
}
