import { sql } from 'kysely';
import type { Delegation, DelegationsQuery, Party } from '../../../shared/parties.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

export function toDelegation(row: Row<'delegations'>): Delegation {
  return {
    id: row.id,
    name: row.name,
    party: row.party,
    countryCode: row.countryCode,
    joinedOn: row.joinedOn,
    leftOn: row.leftOn,
    ...cited(row),
    visibility: row.visibility,
    updatedAt: row.updatedAt,
  };
}

function toParty(actor: Actor, row: Row<'parties'>, delegations: Delegation[]): Party {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    position: row.position,
    // Declared for the other party to read; the public reads the markings of what is public.
    jointMarkingCeiling: actor.kind === 'anonymous' ? null : row.jointMarkingCeiling,
    ...cited(row),
    delegations,
  };
}

async function delegationsOf(deps: Deps, actor: Actor, partyIds: string[]) {
  if (partyIds.length === 0) return [];
  return deps.db
    .selectFrom('delegations')
    .selectAll()
    .where('party', 'in', partyIds)
    .where(visibleTo(actor, 'delegations'))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** A page of parties in alternat order, each with the delegations the caller may see. */
export async function listParties(
  deps: Deps,
  actor: Actor,
  query: { limit: number; cursor?: string | undefined },
) {
  let select = deps.db
    .selectFrom('parties')
    .selectAll()
    .where(visibleTo(actor, 'parties'))
    .orderBy('position')
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.cursor) select = select.where(afterCursor(['position', 'id'], query.cursor));
  const rows = await select.execute();
  const delegations = await delegationsOf(
    deps,
    actor,
    rows.map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (row) => [row.position, row.id],
    (row) => toParty(actor, row, delegations.filter((d) => d.party === row.id).map(toDelegation)),
  );
}

export async function findPartyRow(db: Executor, actor: Actor, id: string) {
  const row = await db
    .selectFrom('parties')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'parties'))
    .executeTakeFirst();
  if (!row) throw notFound('party');
  return row;
}

export async function getParty(deps: Deps, actor: Actor, id: string): Promise<Party> {
  const row = await findPartyRow(deps.db, actor, id);
  return toParty(actor, row, (await delegationsOf(deps, actor, [row.id])).map(toDelegation));
}

/** A party's delegations by id; with `at`, only those members on that date. */
export async function listDelegations(
  deps: Deps,
  actor: Actor,
  partyId: string,
  query: DelegationsQuery,
) {
  await findPartyRow(deps.db, actor, partyId);
  let select = deps.db
    .selectFrom('delegations')
    .selectAll()
    .where('party', '=', partyId)
    .where(visibleTo(actor, 'delegations'))
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.at) {
    const at = query.at;
    // Compare at each bound's own precision: joined `1999-03` counts from March 1999 on.
    select = select
      .where((eb) =>
        eb.or([
          eb('joinedOn', 'is', null),
          sql<boolean>`"joinedOn" <= substr(${at}, 1, length("joinedOn"))`,
        ]),
      )
      .where((eb) =>
        eb.or([
          eb('leftOn', 'is', null),
          sql<boolean>`"leftOn" >= substr(${at}, 1, length("leftOn"))`,
        ]),
      );
  }
  if (query.cursor) select = select.where(afterCursor(['id'], query.cursor));
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => [row.id], toDelegation);
}

export async function findDelegationRow(db: Executor, actor: Actor, id: string) {
  const row = await db
    .selectFrom('delegations')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'delegations'))
    .executeTakeFirst();
  if (!row) throw notFound('delegation');
  return row;
}
