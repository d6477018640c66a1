import type { Routes } from '../../http/routes.ts';

// Filled in by the work-programmes feature within this change.
export const workProgrammesRoutes: Routes = async () => {};
