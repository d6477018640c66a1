import type { Routes } from '../../http/routes.ts';

// Filled in by the people feature within this change.
export const peopleRoutes: Routes = async () => {};
