import { type Expression, type SqlBool, sql } from 'kysely';
import type { Content, Labels } from '../../../shared/text-content.ts';
import type { Executor } from '../../db/database.ts';
import type { Row } from '../../db/schema.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import { visibleTo, visibleToParty } from '../access/visibility.policy.ts';

/**
 * Who may read a text: the one visibility rule, and its marking. A user reads markings up to
 * its clearance (the classification's rank), a text releasable to named parties only to those
 * parties' users, and an anonymous caller only what is PUBLIC DISCLOSED. Enforced in SQL on
 * every read of a text, its versions, its diffs and its search hits.
 */
export function readableTexts(actor: Actor, alias = 'texts'): Expression<SqlBool> {
  switch (actor.kind) {
    case 'operator':
      return sql<SqlBool>`1 = 1`;
    case 'anonymous':
      return sql<SqlBool>`(${visibleTo(actor, alias)} and ${rankOf(alias)} = 0)`;
    case 'user':
      return sql<SqlBool>`(${visibleTo(actor, alias)} and ${markingReadable(
        alias,
        sql<string>`${actor.party}`,
        sql<number>`(select "c"."rank" from "users" "u"
          join "classifications" "c" on "c"."id" = "u"."clearance" where "u"."id" = ${actor.userId})`,
      )})`;
  }
}

/** The rank of a text's marking. */
const rankOf = (alias: string) =>
  sql<number>`(select "rank" from "classifications" where "id" = ${sql.ref(`${alias}.classification`)})`;

/**
 * The marking half of the rule for a user of `party` cleared to `clearance` (a rank), both as
 * SQL: the caller's values bound (readableTexts), or columns (readersOf), so that who may read a
 * text and who is told of it are one rule.
 */
function markingReadable(
  alias: string,
  party: Expression<string>,
  clearance: Expression<number>,
): Expression<SqlBool> {
  const t = (column: string) => sql.ref(`${alias}.${column}`);
  return sql<SqlBool>`(${rankOf(alias)} <= ${clearance}
    and (${t('releasableTo')} is null or ${t('party')} = ${party}
      or ${listsParty(t('releasableTo'), party)}))`;
}

/**
 * Whether a JSON array of party ids (releasableTo, written by the server alone) holds `party`,
 * in SQL both dialects speak: the quoted id occurs in the array's text. Through replace, not
 * LIKE, whose `_` and `%` would match more than the id.
 */
function listsParty(list: Expression<unknown>, party: Expression<string>) {
  return sql<SqlBool>`length(${list}) > length(replace(${list}, '"' || ${party} || '"', ''))`;
}

/** The text row a change or a read is based on; NotFound when missing or not readable, alike. */
export async function findTextRow(db: Executor, actor: Actor, id: string): Promise<Row<'texts'>> {
  const row = await db
    .selectFrom('texts')
    .selectAll()
    .where('id', '=', id)
    .where(readableTexts(actor, 'texts'))
    .executeTakeFirst();
  if (!row) throw notFound('text');
  return row;
}

/** The content of one version of a text. */
export async function contentOf(db: Executor, textId: string, version: number): Promise<Content> {
  const row = await db
    .selectFrom('textVersions')
    .select('content')
    .where('textId', '=', textId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.content) as Content;
}

/**
 * The content of one version of a text as the caller may read it: a version is as visible as
 * its row, which may be narrower than the text (a chair's statement published by its party
 * alone publishes the version issued, not the negotiation before it). NotFound otherwise.
 */
export async function readableContentOf(
  db: Executor,
  actor: Actor,
  textId: string,
  version: number,
): Promise<Content> {
  const row = await db
    .selectFrom('textVersions')
    .select('content')
    .where('textId', '=', textId)
    .where('version', '=', version)
    .where(visibleTo(actor, 'textVersions'))
    .executeTakeFirst();
  if (!row) throw notFound('version');
  return JSON.parse(row.content) as Content;
}

/** Each party's label in the plain-text form of a bracket, and a resolver from a label. */
export async function labelsOf(db: Executor): Promise<{
  labels: Labels;
  holderOf: (label: string) => string | null;
  parties: Row<'parties'>[];
}> {
  const parties = await db.selectFrom('parties').selectAll().orderBy('position').execute();
  const labels = new Map(parties.map((p) => [p.id, p.label || p.shortName.toUpperCase()]));
  const holderOf = (label: string) => {
    const wanted = label.trim().toLowerCase();
    const party = parties.find(
      (p) =>
        (labels.get(p.id) ?? '').toLowerCase() === wanted ||
        p.id === wanted ||
        p.shortName.toLowerCase() === wanted,
    );
    return party?.id ?? null;
  };
  return { labels, holderOf, parties };
}

/** The classification named, NotFound-free: ValidationFailed is the caller's to raise. */
export async function classificationOf(db: Executor, id: string) {
  return db.selectFrom('classifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The council's languages, the first being its default original language. */
export async function councilLanguages(db: Executor): Promise<string[]> {
  const council = await db.selectFrom('council').select('languages').executeTakeFirst();
  const languages = council ? (JSON.parse(council.languages) as string[]) : [];
  return languages.length > 0 ? languages : ['en'];
}

/**
 * The users who may read a text (enabled, of its audience, cleared for its marking, and among
 * those it is releasable to), optionally narrowed to some: who a notification about it may
 * reach. Each is checked with `readableTexts` itself, the rule every read of a text applies.
 */
export async function readersOf(
  db: Executor,
  text: Pick<Row<'texts'>, 'id' | 'visibility' | 'party'>,
  narrowTo?: (user: Pick<Row<'users'>, 'id' | 'party' | 'delegationId'>) => boolean,
): Promise<string[]> {
  const rows = await selectReaders(db, text.id)
    .select(['u.id', 'u.party', 'u.delegationId'])
    .orderBy('u.id')
    .execute();
  return rows.filter((user) => !narrowTo || narrowTo(user)).map((user) => user.id);
}

/** The readers of a text, as a query: one set-based question over the users and the text. */
function selectReaders(db: Executor, textId: string) {
  // Asking user by user cost the caller's request a query per user of both parties, so its
  // time told how many users the other party has and how many of them are cleared
  // (bench/silence-readers.ts: 18 ms with none more, 457 ms with 2,000 more, none cleared).
  return db
    .selectFrom('users as u')
    .innerJoin('texts as t', (join) => join.on('t.id', '=', textId))
    .innerJoin('classifications as held', 'held.id', 'u.clearance')
    .where('u.disabledAt', 'is', null)
    .where(visibleToParty(sql.ref('u.party'), 't'))
    .where(markingReadable('t', sql.ref('u.party'), sql.ref('held.rank')));
}

/**
 * The next `limit` readers of a text of one `party`, after the reader `after` (by id, compared
 * byte by byte on both dialects: ids are collated "C" on PostgreSQL), with what narrowing them
 * to a silence's participants asks (participantFor). The users are walked in id order and the
 * walk stops at the batch, so a batch costs the same whatever the number of readers after it.
 */
export async function nextReadersOf(
  db: Executor,
  textId: string,
  party: string,
  after: string | null,
  limit: number,
): Promise<Pick<Row<'users'>, 'id' | 'party' | 'delegationId'>[]> {
  return selectReaders(db, textId)
    .select(['u.id', 'u.party', 'u.delegationId'])
    .where('u.party', '=', party)
    .$if(after !== null, (q) => q.where('u.id', '>', after as string))
    .orderBy('u.id')
    .limit(limit)
    .execute();
}
