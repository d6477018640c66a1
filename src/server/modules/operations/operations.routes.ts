import type { Routes } from '../../http/routes.ts';

// Filled in by the operations feature within this change.
export const operationsRoutes: Routes = async () => {};
