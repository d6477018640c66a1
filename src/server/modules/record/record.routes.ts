import { pageOf } from '../../../shared/common.schemas.ts';
import {
  AdoptionRecordSchema,
  PartyKeyListSchema,
  PartyKeyParamsSchema,
  PartyKeySchema,
  PartyKeysParamsSchema,
  RecordLogEntrySchema,
  RecordLogQuerySchema,
  RegisterKeySchema,
  RetireKeySchema,
  SignatureInputSchema,
} from '../../../shared/record.schemas.ts';
import { TextParamsSchema } from '../../../shared/texts.schemas.ts';
import type { Routes } from '../../http/routes.ts';
import { getAdoptionRecord } from './get-adoption-record.ts';
import { listPartyKeys } from './list-party-keys.ts';
import { listRecordLog } from './list-record-log.ts';
import { registerPartyKey } from './register-party-key.ts';
import { retirePartyKey } from './retire-party-key.ts';
import { signText } from './sign-text.ts';

const tags = ['record'];

export const recordRoutes: Routes = async (app, { deps }) => {
  app.get(
    '/parties/:party/keys',
    {
      schema: {
        operationId: 'listPartyKeys',
        tags,
        summary: "A party's Ed25519 public keys, with when each was registered and retired",
        params: PartyKeysParamsSchema,
        response: { 200: PartyKeyListSchema },
      },
    },
    async (request) => listPartyKeys(deps.db, request.params.party),
  );

  app.post(
    '/parties/:party/keys',
    {
      schema: {
        operationId: 'registerPartyKey',
        tags,
        summary:
          "Register the party's public key, or have the server generate and hold one (its admins)",
        params: PartyKeysParamsSchema,
        body: RegisterKeySchema,
        response: { 201: PartyKeySchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await registerPartyKey(deps, request.actor, request.params.party, request.body)),
  );

  app.post(
    '/parties/:party/keys/:keyId/retire',
    {
      schema: {
        operationId: 'retirePartyKey',
        tags,
        summary: 'Retire a key of the party (its admins): it signs nothing from now on',
        params: PartyKeyParamsSchema,
        body: RetireKeySchema,
        response: { 200: PartyKeySchema },
      },
    },
    async (request) =>
      retirePartyKey(deps, request.actor, request.params.party, request.params.keyId),
  );

  app.get(
    '/record-log',
    {
      schema: {
        operationId: 'listRecordLog',
        tags,
        summary:
          "One audience's hash-chained, signed record log, oldest first: what a party's node replicates and replays",
        querystring: RecordLogQuerySchema,
        response: { 200: pageOf(RecordLogEntrySchema) },
      },
    },
    async (request) => listRecordLog(deps.db, request.actor, request.query),
  );

  app.get(
    '/texts/:id/adoption-record',
    {
      schema: {
        operationId: 'getAdoptionRecord',
        tags,
        summary: "An adopted text's canonical record, its SHA-256 and its verified signatures",
        params: TextParamsSchema,
        response: { 200: AdoptionRecordSchema },
      },
    },
    async (request) => getAdoptionRecord(deps.db, request.actor, request.params.id),
  );

  app.post(
    '/texts/:id/signatures',
    {
      schema: {
        operationId: 'signAdoptionRecord',
        tags,
        summary:
          "Sign the adoption record for the caller's party (chairs): a council sign signature, or the key the server holds",
        params: TextParamsSchema,
        body: SignatureInputSchema,
        response: { 201: AdoptionRecordSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await signText(deps, request.actor, request.params.id, request.body)),
  );
};
