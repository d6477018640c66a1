import type { KeyObject } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { EntityType } from '../../../shared/entities.ts';
import type { Database, Row } from '../../db/schema.ts';
import { type Audience, audienceOf } from '../access/audience.ts';
import type { ChangeRecord, UnitOfWork } from '../changes/unit-of-work.ts';
import { heldKeyOf } from './held-keys.ts';
import { keyringOf } from './keyring.ts';
import { chainEntry, type LogEntry } from './record-entry.ts';

/** What the log says of a key: all a verifier needs of it, never its sealed private part. */
export function keyPayload(key: Row<'partyKeys'>) {
  return {
    keyId: key.id,
    party: key.party,
    kind: key.kind,
    publicKey: key.publicKey,
    note: key.note,
    registeredAt: key.registeredAt,
    retiredAt: key.retiredAt,
  };
}

/** The text fields a record event speaks of. */
function textFacts(row: Row<'texts'> | null | undefined) {
  if (!row) return null;
  return {
    state: row.state,
    version: row.version,
    number: row.number,
    classification: row.classification,
    releasableTo: row.releasableTo === null ? null : (JSON.parse(row.releasableTo) as unknown),
    visibility: row.visibility,
    adoptedAt: row.adoptedAt,
    publishedAt: row.publishedAt,
    chairParty: row.chairParty,
  };
}

/**
 * What an entry of each kind holds: enough to replay the event with the log alone. An adoption
 * carries the SHA-256 of its adoption record (the digest both parties sign), a signature the
 * signature itself, a key registration the public key.
 */
async function payloadOf(
  trx: Transaction<Database>,
  entry: ChangeRecord<EntityType>,
): Promise<unknown> {
  if (entry.entity === 'partyKey') {
    const key = (entry.after ?? entry.before) as Row<'partyKeys'> | null | undefined;
    if (!key) throw new Error(`partyKey.${entry.action} recorded without its row`);
    return keyPayload(key);
  }
  const before = entry.before as Row<'texts'> | null | undefined;
  const after = entry.after as Row<'texts'> | null | undefined;
  switch (entry.action) {
    case 'adopt':
    case 'issue': {
      const record = await trx
        .selectFrom('adoptionRecords')
        .select(['sha256', 'at'])
        .where('textId', '=', entry.id)
        .executeTakeFirst();
      return { text: textFacts(after), record: record ?? null };
    }
    case 'sign':
      return entry.audit?.after ?? null;
    default:
      return {
        before: textFacts(before),
        after: textFacts(after),
        ...(entry.audit?.after === undefined ? {} : { detail: entry.audit.after }),
      };
  }
}

/**
 * Registers the server's key, unless it is: a record event of its own, signed by that key.
 * The first record event a server writes brings it; an export of the record makes sure of it.
 * A new server key (record-key.pem replaced) retires the one before, on the record: a retired
 * key seals no bundle, so an old key that leaked (an old backup) cannot seal a forged one.
 * A server whose own key was retired so refuses to sign: instances that do not share one
 * record key would otherwise retire each other's in turn.
 */
export async function registerServerKey(uow: UnitOfWork): Promise<void> {
  const keyring = keyringOf(uow.deps);
  const registered = await uow.trx
    .selectFrom('partyKeys')
    .select(['id', 'retiredAt'])
    .where('id', '=', keyring.serverKeyId)
    .executeTakeFirst();
  if (registered?.retiredAt != null) {
    throw new Error(
      `this server's record key ${registered.id} was retired at ${registered.retiredAt}, when another server key replaced it: every instance must use the same record-key.pem (COUNCIL_DATA_DIR)`,
    );
  }
  if (registered) return;
  const replaced = await uow.trx
    .selectFrom('partyKeys')
    .selectAll()
    .where('kind', '=', 'server')
    .where('retiredAt', 'is', null)
    .orderBy('registeredAt')
    .orderBy('id')
    .execute();
  const key: Row<'partyKeys'> = {
    id: keyring.serverKeyId,
    party: null,
    kind: 'server',
    publicKey: keyring.server.publicKey,
    privateKey: null,
    note: 'The council server’s own key: it signs the record log’s system events.',
    registeredAt: uow.at,
    retiredAt: null,
  };
  await uow.trx.insertInto('partyKeys').values(key).execute();
  uow.record({
    entity: 'partyKey',
    id: key.id,
    action: 'register',
    after: key,
    scope: { visibility: 'public', party: null },
  });
  for (const before of replaced) {
    const after: Row<'partyKeys'> = { ...before, retiredAt: uow.at };
    await uow.trx
      .updateTable('partyKeys')
      .set({ retiredAt: after.retiredAt })
      .where('id', '=', before.id)
      .execute();
    uow.record({
      entity: 'partyKey',
      id: before.id,
      action: 'retire',
      before,
      after,
      scope: { visibility: 'public', party: null },
      audit: { before: keyPayload(before), after: keyPayload(after) },
    });
  }
}

/** The key an entry is signed with: the acting party's, when the server holds it, else the server's. */
async function signerOf(uow: UnitOfWork): Promise<{ keyId: string; privateKey: KeyObject }> {
  const keyring = keyringOf(uow.deps);
  if (uow.actor.kind === 'user') {
    const held = await heldKeyOf(uow.trx, uow.deps, uow.actor.party);
    if (held) return { keyId: held.id, privateKey: held.privateKey };
  }
  await registerServerKey(uow);
  return { keyId: keyring.serverKeyId, privateKey: keyring.server.privateKey };
}

/**
 * The chain an event goes to: its audit entry's audience (the narrower of before and after),
 * except that an adoption goes where the adopted text now is. A chair's statement drafted in a
 * caucus is issued to both parties, and its entry, which speaks only of the text as issued,
 * must be in the chain the other party holds for that party to verify its record.
 */
function chainOf(entry: ChangeRecord<EntityType>, audience: Audience): Audience {
  const adopted = entry.entity === 'text' && (entry.action === 'adopt' || entry.action === 'issue');
  return adopted && entry.after ? audienceOf(entry.after as Row<'texts'>) : audience;
}

/**
 * The unit of work's one hook into the record: appends the entry of a record event to its
 * audience's chain, in the change's own transaction, hashed onto the previous entry and signed.
 */
export async function appendRecordEntry(
  uow: UnitOfWork,
  entry: ChangeRecord<EntityType>,
  audience: Audience,
): Promise<LogEntry> {
  const { trx } = uow;
  const chain = chainOf(entry, audience);
  const previous = await trx
    .selectFrom('recordLog')
    .select(['seq', 'hash'])
    .where('audience', '=', chain)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const signer = await signerOf(uow);
  const appended = chainEntry(
    previous ?? null,
    {
      audience: chain,
      at: uow.at,
      kind: `${entry.entity}.${entry.action}`,
      entityType: entry.entity,
      entityId: entry.id,
      payload: await payloadOf(trx, entry),
    },
    signer,
  );
  await trx.insertInto('recordLog').values(appended).execute();
  return appended;
}
