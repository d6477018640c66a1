import type { Routes } from '../../http/routes.ts';

// Filled in by the meetings feature within this change.
export const meetingsRoutes: Routes = async () => {};
