import { z } from 'zod';
import {
  ChangePasswordSchema,
  type Credentials,
  CredentialsSchema,
  MeSchema,
  SessionSchema,
  TokenSchema,
} from '../../../shared/auth.schemas.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Routes } from '../../http/routes.ts';
import { SESSION_COOKIE } from './authenticate.plugin.ts';
import { changeOwnPassword } from './change-own-password.ts';
import { closeSession } from './close-session.ts';
import {
  DEVICE_COOKIE,
  DEVICE_PROOF_DAYS,
  deviceOf,
  issueDeviceProof,
  type Signer,
} from './device-proof.ts';
import { getMe } from './get-me.ts';
import { revokeToken } from './revoke-token.ts';
import { signIn } from './sign-in.ts';

export const authRoutes: Routes = async (app, { deps, loginLimit, accountLimit }) => {
  // Device proofs are signed as the session cookie is (the cookie plugin, COUNCIL_SECRET).
  const signer: Signer = {
    sign: (value) => app.signCookie(value),
    unsign: (value) => app.unsignCookie(value),
  };
  /** Signs in from the device `proof` names, when it is this account's, and proves it anew. */
  const signInFrom = async (
    credentials: Credentials,
    proof: string | undefined,
    kind: 'session' | 'token',
  ) => {
    const { deviceProof: _sent, ...given } = credentials;
    const account = { party: given.party, username: given.username };
    const known = deviceOf(signer, proof, account, deps.clock());
    const opened = await signIn(deps, given, kind, accountLimit, known);
    const device = issueDeviceProof(
      signer,
      account,
      known?.device ?? null,
      opened.passwordStamp,
      deps.clock(),
    );
    return { opened, device };
  };
  // One budget of attempts per address for every route that checks a password: a limit per
  // route would give an address twice the attempts. The per-account limit is in the use cases.
  const signInLimit = app.rateLimit({ max: loginLimit, timeWindow: '1 minute' });

  app.post(
    '/session',
    {
      config: { csrf: false, access: 'public', signIn: true, duringPasswordChange: true },
      onRequest: signInLimit,
      schema: {
        operationId: 'openSession',
        tags: ['auth'],
        summary: 'Sign in with a browser session cookie (party, username and password)',
        body: CredentialsSchema,
        response: { 200: SessionSchema },
      },
    },
    async (request, reply) => {
      const { opened, device } = await signInFrom(
        request.body,
        request.cookies[DEVICE_COOKIE] ?? request.body.deviceProof,
        'session',
      );
      reply.setCookie(SESSION_COOKIE, opened.secret, {
        signed: true,
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        expires: new Date(opened.expiresAt),
      });
      // Sent back to the sign-in routes only, and kept through sign-out: it proves the device.
      reply.setCookie(DEVICE_COOKIE, device.proof, {
        path: '/api/session',
        httpOnly: true,
        sameSite: 'strict',
        secure: 'auto',
        maxAge: DEVICE_PROOF_DAYS * 86_400,
      });
      return {
        user: await getMe(deps, opened.actor),
        csrfToken: opened.csrfToken ?? '',
        expiresAt: opened.expiresAt,
      };
    },
  );

  // Signing out is open to anyone: a stale cookie must still be clearable.
  app.delete(
    '/session',
    {
      config: { access: 'public', duringPasswordChange: true },
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
      config: { csrf: false, access: 'public', signIn: true, duringPasswordChange: true },
      onRequest: signInLimit,
      schema: {
        operationId: 'createToken',
        tags: ['auth'],
        summary: 'Get a bearer token for scripts (party, username and password)',
        body: CredentialsSchema,
        response: { 201: TokenSchema },
      },
    },
    async (request, reply) => {
      const { opened, device } = await signInFrom(request.body, request.body.deviceProof, 'token');
      return reply.code(201).send({
        token: opened.secret,
        expiresAt: opened.expiresAt,
        mustChangePassword: opened.mustChangePassword,
        deviceProof: device.proof,
      });
    },
  );

  app.delete(
    '/tokens/current',
    {
      config: { duringPasswordChange: true },
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
      config: { access: 'signed-in', duringPasswordChange: true },
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The caller, with party, roles and the last reset of its password',
        response: { 200: MeSchema },
      },
    },
    async (request) => getMe(deps, request.actor),
  );

  app.post(
    '/me/password',
    {
      config: { duringPasswordChange: true },
      onRequest: signInLimit,
      schema: {
        operationId: 'changeOwnPassword',
        tags: ['auth'],
        summary: 'Choose your own password (the one thing a session after a reset may do)',
        body: ChangePasswordSchema,
        response: { 200: MeSchema },
      },
    },
    async (request) =>
      changeOwnPassword(
        deps,
        request.actor,
        request.body,
        request.sessionSecret ?? request.tokenSecret,
        accountLimit,
      ),
  );
};
