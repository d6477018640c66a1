import type { Routes } from '../../http/routes.ts';

// Filled in by the offices feature within this change.
export const officesRoutes: Routes = async () => {};
