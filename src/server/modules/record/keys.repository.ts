import type { PartyKey } from '../../../shared/record.schemas.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import { publicKeyPem } from './ed25519.ts';

/** A key as anyone may read it: its public part and its life, never its sealed private part. */
export function toPartyKey(row: Row<'partyKeys'>): PartyKey {
  return {
    id: row.id as PartyKey['id'],
    party: row.party,
    kind: row.kind,
    publicKey: row.publicKey,
    publicKeyPem: publicKeyPem(row.publicKey),
    note: row.note,
    registeredAt: row.registeredAt,
    retiredAt: row.retiredAt,
  };
}

/** The party named, or NotFound. Parties are public: naming one reveals nothing. */
export async function requireParty(db: Executor, party: string): Promise<void> {
  const row = await db
    .selectFrom('parties')
    .select('id')
    .where('id', '=', party)
    .executeTakeFirst();
  if (!row) throw notFound('party');
}

/** A party's keys, live and retired, oldest first. */
export async function keysOfParty(db: Executor, party: string): Promise<Row<'partyKeys'>[]> {
  return db
    .selectFrom('partyKeys')
    .selectAll()
    .where('party', '=', party)
    .orderBy('registeredAt')
    .orderBy('id')
    .execute();
}

export async function findKey(db: Executor, id: string): Promise<Row<'partyKeys'> | undefined> {
  return db.selectFrom('partyKeys').selectAll().where('id', '=', id).executeTakeFirst();
}
