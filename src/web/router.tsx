import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { WebPage } from '../shared/web-routes.ts';
import { Layout } from './components/layout.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { PublicHome } from './pages/public-home.tsx';

type Loader = () => Promise<{ Component: ComponentType }>;

/** Every page of WEB_PAGES (the server answers the same list), each in its own chunk but home. */
const PAGES: Record<Exclude<WebPage, '/'>, Loader> = {
  '/sign-in': () => import('./pages/sign-in.tsx').then((m) => ({ Component: m.SignInPage })),
  '/dashboard': () => import('./pages/dashboard.tsx').then((m) => ({ Component: m.DashboardPage })),
  '/calendar': () => import('./pages/calendar.tsx').then((m) => ({ Component: m.CalendarPage })),
  '/meetings': () => import('./pages/meetings.tsx').then((m) => ({ Component: m.MeetingsPage })),
  '/meetings/:id': () => import('./pages/meeting.tsx').then((m) => ({ Component: m.MeetingPage })),
  '/decisions': () => import('./pages/decisions.tsx').then((m) => ({ Component: m.DecisionsPage })),
  '/decisions/:id': () =>
    import('./pages/decisions.tsx').then((m) => ({ Component: m.DecisionPage })),
  '/texts': () => import('./pages/texts.tsx').then((m) => ({ Component: m.TextsPage })),
  '/texts/:id': () => import('./pages/text.tsx').then((m) => ({ Component: m.TextPage })),
  '/work-programmes': () =>
    import('./pages/work-programmes.tsx').then((m) => ({ Component: m.WorkProgrammesPage })),
  '/work-programmes/:year': () =>
    import('./pages/work-programmes.tsx').then((m) => ({ Component: m.WorkProgrammePage })),
  '/cooperation': () =>
    import('./pages/cooperation.tsx').then((m) => ({ Component: m.CooperationPage })),
  '/timeline': () => import('./pages/timeline.tsx').then((m) => ({ Component: m.TimelinePage })),
  '/sources': () => import('./pages/sources.tsx').then((m) => ({ Component: m.SourcesPage })),
  '/search': () => import('./pages/search.tsx').then((m) => ({ Component: m.SearchPage })),
  '/audit': () => import('./pages/audit.tsx').then((m) => ({ Component: m.AuditPage })),
  '/admin': () => import('./pages/admin.tsx').then((m) => ({ Component: m.AdminPage })),
};

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: Layout,
    HydrateFallback: () => null,
    children: [
      { index: true, Component: PublicHome },
      ...Object.entries(PAGES).map(([path, lazy]) => ({ path: path.slice(1), lazy })),
      { path: '*', Component: NotFoundPage },
    ],
  },
];

export const router = createBrowserRouter(routes);
