import { sql } from 'kysely';
import type { PeopleQuery, Person, PersonDetail, Post } from '../../../shared/people.schemas.ts';
import type { Executor } from '../../db/database.ts';
import { afterCursor, toPage } from '../../db/pagination.ts';
import type { Row } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.policy.ts';
import { cited } from '../sources/source-ref.ts';

export function toPerson(row: Row<'people'>): Person {
  return {
    id: row.id,
    name: row.name,
    honorific: row.honorific,
    delegationId: row.delegationId,
    party: row.party,
    ...cited(row),
    visibility: row.visibility,
    updatedAt: row.updatedAt,
  };
}

export function toPost(row: Row<'posts'>): Post {
  return {
    id: row.id,
    personId: row.personId,
    title: row.title,
    delegationId: row.delegationId,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    ...cited(row),
    visibility: row.visibility,
  };
}

/**
 * People by name. `at` keeps those holding a post the caller may see on that date; a post's
 * bounds count at their own precision (a post ending `2001-05` is held all of May 2001).
 */
export async function listPeople(deps: Deps, actor: Actor, query: PeopleQuery) {
  let select = deps.db
    .selectFrom('people')
    .selectAll()
    .where(visibleTo(actor, 'people'))
    .orderBy('name')
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.party) select = select.where('party', '=', query.party);
  if (query.delegationId) select = select.where('delegationId', '=', query.delegationId);
  if (query.at) {
    const at = query.at;
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('posts as p')
          .select(sql`1`.as('one'))
          .whereRef('p.personId', '=', 'people.id')
          .where(visibleTo(actor, 'p'))
          .where(
            sql<boolean>`(p."startsOn" is null or p."startsOn" <= substr(${at}, 1, length(p."startsOn")))`,
          )
          .where(
            sql<boolean>`(p."endsOn" is null or p."endsOn" >= substr(${at}, 1, length(p."endsOn")))`,
          ),
      ),
    );
  }
  if (query.cursor) select = select.where(afterCursor(['people.name', 'people.id'], query.cursor));
  const rows = await select.execute();
  return toPage(rows, query.limit, (row) => [row.name, row.id], toPerson);
}

export async function findPersonRow(db: Executor, actor: Actor, id: string) {
  const row = await db
    .selectFrom('people')
    .selectAll()
    .where('id', '=', id)
    .where(visibleTo(actor, 'people'))
    .executeTakeFirst();
  if (!row) throw notFound('person');
  return row;
}

/** One person with the posts the caller may see, oldest first (undated posts last). */
export async function getPerson(deps: Deps, actor: Actor, id: string): Promise<PersonDetail> {
  const person = await findPersonRow(deps.db, actor, id);
  const posts = await deps.db
    .selectFrom('posts')
    .selectAll()
    .where('personId', '=', person.id)
    .where(visibleTo(actor, 'posts'))
    .orderBy(sql`coalesce("startsOn", '9999')`)
    .orderBy('id')
    .execute();
  return { ...toPerson(person), posts: posts.map(toPost) };
}
