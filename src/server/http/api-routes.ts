import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { councilRoutes } from '../modules/council/council.routes.ts';
import { decisionsRoutes } from '../modules/decisions/decisions.routes.ts';
import { meetingsRoutes } from '../modules/meetings/meetings.routes.ts';
import { notesRoutes } from '../modules/notes/notes.routes.ts';
import { officesRoutes } from '../modules/offices/offices.routes.ts';
import { operationsRoutes } from '../modules/operations/operations.routes.ts';
import { partiesRoutes } from '../modules/parties/parties.routes.ts';
import { peopleRoutes } from '../modules/people/people.routes.ts';
import { searchRoutes } from '../modules/search/search.routes.ts';
import { sourcesRoutes } from '../modules/sources/sources.routes.ts';
import { timelineRoutes } from '../modules/timeline/timeline.routes.ts';
import { topicsRoutes } from '../modules/topics/topics.routes.ts';
import { workProgrammesRoutes } from '../modules/work-programmes/work-programmes.routes.ts';
import type { Routes } from './routes.ts';

/** Every feature's routes, mounted under /api. */
export const API_ROUTES: Routes[] = [
  authRoutes,
  councilRoutes,
  partiesRoutes,
  peopleRoutes,
  topicsRoutes,
  meetingsRoutes,
  workProgrammesRoutes,
  decisionsRoutes,
  notesRoutes,
  officesRoutes,
  operationsRoutes,
  timelineRoutes,
  sourcesRoutes,
  searchRoutes,
  auditRoutes,
];
