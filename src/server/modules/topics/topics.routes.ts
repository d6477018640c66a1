import type { Routes } from '../../http/routes.ts';

// Filled in by the topics feature within this change.
export const topicsRoutes: Routes = async () => {};
