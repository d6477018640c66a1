import type { Routes } from '../../http/routes.ts';

// Filled in by the parties feature within this change.
export const partiesRoutes: Routes = async () => {};
