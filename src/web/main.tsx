import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiProblem } from './lib/api.ts';
import { LocaleProvider } from './lib/i18n.tsx';
import { router } from './router.tsx';
import './styles.css';

/** A 401 on anything but /api/me means the session ended: ask who is signed in again. */
function onError(error: unknown) {
  if (error instanceof ApiProblem && error.status === 401) {
    void queryClient.invalidateQueries({ queryKey: ['me'] });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not change by asking again (404 is also what hidden things answer).
      retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <LocaleProvider>
          <RouterProvider router={router} />
        </LocaleProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
