import type { Routes } from '../../http/routes.ts';

// Filled in by the audit feature within this change.
export const auditRoutes: Routes = async () => {};
