import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ProblemError } from './api/problem';
import { router } from './routes';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a network failure may.
      retry: (failures, error) =>
        !(error instanceof ProblemError && error.problem.status >= 400) && failures < 2,
      refetchOnWindowFocus: true,
      staleTime: 10_000,
    },
  },
});

// Installable and usable offline (My day): the service worker keeps the app shell. Only in the
// built app: Vite's dev server serves modules that are not worth keeping.
if (import.meta.env.PROD && 'serviceWorker' in navigator)
  void navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
