import type { Routes } from '../../http/routes.ts';

// Filled in by the timeline feature within this change.
export const timelineRoutes: Routes = async () => {};
