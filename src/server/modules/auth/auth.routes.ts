import { z } from 'zod';
import {
  CreateUserSchema,
  CredentialsSchema,
  MeSchema,
  SessionSchema,
  TokenSchema,
  UpdateUserSchema,
  UserSchema,
} from '../../../shared/auth.schemas.ts';
import { IdParamsSchema } from '../../../shared/common.schemas.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Routes } from '../../http/routes.ts';
import type { Actor } from '../access/actor.ts';
import { SESSION_COOKIE } from './authenticate.plugin.ts';
import { closeSession, revokeToken, signIn } from './sessions.service.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';

async function describeMe(deps: Deps, actor: Actor) {
  if (actor.kind !== 'user') throw new DomainError('Unauthenticated', 'sign in to see who you are');
  const row = await deps.db
    .selectFrom('users')
    .innerJoin('parties', 'parties.id', 'users.party')
    .select([
      'users.id',
      'users.username',
      'users.displayName',
      'parties.id as partyId',
      'parties.name as partyName',
    ])
    .where('users.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    party: { id: row.partyId, name: row.partyName },
    roles: [...actor.roles],
  };
}

export const authRoutes: Routes = async (app, { deps, loginLimit }) => {
  // One budget of attempts per address for both ways of signing in: a limit per route would
  // give an address twice the attempts.
  const signInLimit = app.rateLimit({ max: loginLimit, timeWindow: '1 minute' });

  app.post(
    '/session',
    {
      config: { csrf: false, access: 'public', signIn: true },
      onRequest: signInLimit,
      schema: {
        operationId: 'openSession',
        tags: ['auth'],
        summary: 'Sign in with a browser session cookie',
        body: CredentialsSchema,
        response: { 200: SessionSchema },
      },
    },
    async (request, reply) => {
      const opened = await signIn(deps, request.body, 'session');
      reply.setCookie(SESSION_COOKIE, opened.secret, {
        signed: true,
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        expires: new Date(opened.expiresAt),
      });
      return {
        user: await describeMe(deps, opened.actor),
        csrfToken: opened.csrfToken ?? '',
        expiresAt: opened.expiresAt,
      };
    },
  );

  // Signing out is open to anyone: a stale cookie must still be clearable.
  app.delete(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'closeSession',
        tags: ['auth'],
        summary: 'Sign out',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (request.sessionSecret) await closeSession(deps, request.sessionSecret);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/tokens',
    {
      config: { csrf: false, access: 'public', signIn: true },
      onRequest: signInLimit,
      schema: {
        operationId: 'createToken',
        tags: ['auth'],
        summary: 'Get a bearer token for scripts',
        body: CredentialsSchema,
        response: { 201: TokenSchema },
      },
    },
    async (request, reply) => {
      const opened = await signIn(deps, request.body, 'token');
      return reply.code(201).send({ token: opened.secret, expiresAt: opened.expiresAt });
    },
  );

  app.delete(
    '/tokens/current',
    {
      schema: {
        operationId: 'revokeCurrentToken',
        tags: ['auth'],
        summary: 'Revoke the bearer token this request is made with',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (request.actor.kind !== 'user' || request.tokenSecret === null) {
        throw new DomainError('Unauthenticated', 'send the token to revoke as a bearer token');
      }
      await revokeToken(deps, request.actor, request.tokenSecret);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The caller, with party and roles',
        response: { 200: MeSchema },
      },
    },
    async (request) => describeMe(deps, request.actor),
  );

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
        summary: "Add a user to the admin's own party",
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
        summary: 'Change roles or password, or disable a user (ends its sessions and tokens)',
        params: IdParamsSchema,
        body: UpdateUserSchema,
        response: { 200: UserSchema },
      },
    },
    async (request) => updateUser(deps, request.actor, request.params.id, request.body),
  );
};
