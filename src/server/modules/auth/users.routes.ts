import { z } from 'zod';
import {
  CreateUserSchema,
  RoleGrantSchema,
  UpdateUserSchema,
  UserSchema,
} from '../../../shared/auth.schemas.ts';
import { IdParamsSchema } from '../../../shared/common.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { confirmRoleGrant } from './confirm-role-grant.ts';
import { createUser } from './create-user.ts';
import { listRoleGrants } from './list-role-grants.ts';
import { listUsers } from './list-users.ts';
import { rejectRoleGrant } from './reject-role-grant.ts';
import { updateUser } from './update-user.ts';

// An admin's routes, each limited to the admin's own party: another party's users and grants
// answer 404, exactly as if they did not exist.
export const usersRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/users',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: "The users of the admin's own party",
        response: { 200: z.object({ items: z.array(UserSchema) }) },
      },
    },
    async (request) => ({ items: await listUsers(deps, request.actor) }),
  );

  app.post(
    '/users',
    {
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        summary:
          "Add a user to the admin's own party (chair and admin wait for a second admin; the user chooses its own password at first sign-in)",
        body: CreateUserSchema,
        response: { 201: UserSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createUser(deps, request.actor, request.body)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary:
          'Change roles, reset the password, or disable a user (never your own roles or password)',
        params: IdParamsSchema,
        body: UpdateUserSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) => updateUser(deps, request.actor, request.params.id, request.body),
  );

  app.get(
    '/role-grants',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listRoleGrants',
        tags: ['users'],
        summary: "Grants of the admin's own party waiting for a second admin",
        response: { 200: z.object({ items: z.array(RoleGrantSchema) }) },
      },
    },
    async (request) => ({ items: await listRoleGrants(deps, request.actor) }),
  );

  app.post(
    '/role-grants/:id/confirm',
    {
      schema: {
        operationId: 'confirmRoleGrant',
        tags: ['users'],
        summary:
          'Confirm, as a second admin, a grant of chair or admin or a reset of their password',
        params: IdParamsSchema,
        response: { 200: RoleGrantSchema },
      },
    },
    async (request) => confirmRoleGrant(deps, request.actor, request.params.id),
  );

  app.post(
    '/role-grants/:id/reject',
    {
      schema: {
        operationId: 'rejectRoleGrant',
        tags: ['users'],
        summary: 'Reject a grant waiting for a second admin (nothing of it applies)',
        params: IdParamsSchema,
        response: { 200: RoleGrantSchema },
      },
    },
    async (request) => rejectRoleGrant(deps, request.actor, request.params.id),
  );
};
