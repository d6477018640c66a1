import type { Routes } from '../../http/routes.ts';

// Filled in by the search feature within this change.
export const searchRoutes: Routes = async () => {};
