import type { Routes } from '../../http/routes.ts';

// Filled in by the decisions feature within this change.
export const decisionsRoutes: Routes = async () => {};
