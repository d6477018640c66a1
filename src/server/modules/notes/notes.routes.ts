import type { Routes } from '../../http/routes.ts';

// Filled in by the notes feature within this change.
export const notesRoutes: Routes = async () => {};
