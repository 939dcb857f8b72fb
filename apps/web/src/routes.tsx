// Every page of the web app, under /app (the API owns every other path on the same origin).
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { useUser } from './session/use-session';
import { AcceptInvitation } from './views/AcceptInvitation';
import { ClientPage } from './views/clients/ClientPage';
import { ClientsList } from './views/clients/ClientsList';
import { CaregiverAvailability, MyAvailability } from './views/availability/AvailabilityPage';
import { Home } from './views/Home';
import { HoursList } from './views/hours/HoursList';
import { PayPeriodPage } from './views/hours/PayPeriodPage';
import { MyDayPage } from './views/my-day/MyDayPage';
import { NotFound } from './views/NotFound';
import { NotificationsPage } from './views/notifications/NotificationsPage';
import { ChooseNewPassword, RequestPasswordReset } from './views/PasswordReset';
import { SignIn } from './views/SignIn';
import { TeamBoard } from './views/board/TeamBoard';
import { VisitPlan } from './views/visit-plan/VisitPlan';

/** Pages behind sign-in send a signed-out visitor to the sign-in page, and back afterwards. */
function SignedIn() {
  const user = useUser();
  const location = useLocation();
  if (!user) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

export const router = createBrowserRouter(
  [
    {
      element: <Layout />,
      children: [
        { path: '/sign-in', element: <SignIn /> },
        { path: '/invitations/:token', element: <AcceptInvitation /> },
        { path: '/password-reset', element: <RequestPasswordReset /> },
        { path: '/password-reset/:token', element: <ChooseNewPassword /> },
        {
          element: <SignedIn />,
          children: [
            { index: true, element: <Home /> },
            { path: '/teams/:teamId', element: <TeamBoard /> },
            { path: '/teams/:teamId/clients', element: <ClientsList /> },
            { path: '/teams/:teamId/clients/:clientId', element: <ClientPage /> },
            { path: '/my-day', element: <MyDayPage /> },
            {
              // Loaded when first opened: the chart library is most of its weight, and only
              // those who look at the figures need it.
              path: '/teams/:teamId/dashboard',
              lazy: () =>
                import('./views/dashboard/TeamDashboard').then((module) => ({
                  Component: module.TeamDashboard,
                })),
            },
            { path: '/availability', element: <MyAvailability /> },
            { path: '/availability/:caregiverId', element: <CaregiverAvailability /> },
            { path: '/hours', element: <HoursList /> },
            { path: '/hours/:periodKey', element: <PayPeriodPage /> },
            { path: '/clients/:clientId/plan', element: <VisitPlan /> },
            { path: '/notifications', element: <NotificationsPage /> },
          ],
        },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/app' },
);
