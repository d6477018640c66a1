import {
  NotificationListQuerySchema,
  NotificationPageSchema,
  NotificationParamsSchema,
  NotificationSchema,
  ReadAllSchema,
} from '../../../shared/notifications.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { listNotifications } from './list-notifications.ts';
import { readAllNotifications, readNotification } from './read-notification.ts';

const tags = ['notifications'];

export const notificationsRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/notifications',
    {
      // The inbox is a user's own: an anonymous caller has none, and is told to sign in.
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listNotifications',
        tags,
        summary: "The caller's own notifications, newest first, with the count of unread ones",
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationPageSchema },
      },
    },
    async (request) => listNotifications(deps, request.actor, request.query),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        operationId: 'readNotification',
        tags,
        summary: 'Mark one of the caller’s notifications read',
        params: NotificationParamsSchema,
        response: { 200: NotificationSchema },
      },
    },
    async (request) => readNotification(deps, request.actor, request.params.id),
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        operationId: 'readAllNotifications',
        tags,
        summary: 'Mark every notification of the caller read',
        response: { 200: ReadAllSchema },
      },
    },
    async (request) => readAllNotifications(deps, request.actor),
  );
};
