import type { Routes } from '../../http/routes.ts';

// Filled in by the council feature within this change.
export const councilRoutes: Routes = async () => {};
