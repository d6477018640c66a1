import { AuditEventSchema, AuditQuerySchema } from '../../../shared/audit.schemas.ts';
import { pageOf } from '../../../shared/common.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { listAuditEvents } from './list-audit-events.ts';

// Append only: no route changes or removes an entry (the database refuses it too).
export const auditRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/audit',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: 'The audit trail the caller may see, newest first (signed-in users only)',
        querystring: AuditQuerySchema,
        response: { 200: pageOf(AuditEventSchema) },
      },
    },
    async (request) => listAuditEvents(deps, request.actor, request.query),
  );
};
