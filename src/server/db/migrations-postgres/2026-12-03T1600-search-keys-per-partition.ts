import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
//
// The baseline's GIN index over ("partition", "terms") does not keep the partitions apart: a
// multicolumn GIN index holds one entry list per key and column, so the entry of a word lists
// every document holding it, in every partition, and a search in one partition reads the
// word's whole list and the partition's, and keeps their intersection. A search of the
// caller's own partition then took longer the more of the other party's caucus documents held
// the word: a measure of how often that party's caucus writes it.
//
// Here the index holds each word prefixed by its document's partition (`joint/kosovo`), an
// expression over the stored words, and a search asks for the words prefixed by the partition
// it searches: the entries it reads are its partition's alone. The words themselves (and the
// ranking over them) are unchanged; the function that matches keeps the plain test as well.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

const FUNCTIONS = [
  // Every word of the document, prefixed by its partition; no positions or weights (the index
  // only finds, ts_rank ranks over "terms"). A word within 2,047 bytes of PostgreSQL's limit
  // would pass it once prefixed, and fail the write: such a word is left out of the index (no
  // search word is that long: termsOf cuts them at 64 letters).
  `create function "partitionKeys"(p text, v tsvector) returns tsvector
     language sql immutable parallel safe as $$
     select coalesce(array_to_tsvector(array_agg(p || '/' || lexeme)), ''::tsvector)
     from unnest(v) where octet_length(p) + 1 + octet_length(lexeme) <= 2047 $$`,
  // The query with every word prefixed the same way: a tsquery's text quotes each word
  // ('kosov':* | 'kosovo'), so each quoted word gains the prefix and keeps its operators. The
  // words are letters and digits (the application's termsOf) and a partition holds none of
  // the characters a quoted word could not carry. A phrase (<->, which PostgreSQL's parser
  // makes of a word it splits) needs positions the keys do not keep: here it is asked as
  // "both words", and the match still tests the phrase itself on the stored words.
  `create function "partitionQuery"(p text, q tsquery) returns tsquery
     language sql immutable parallel safe as $$
     select regexp_replace(regexp_replace(q::text, '<[0-9-]+>', '&', 'g'),
       '''([^'']*)''', '''' || p || '/\\1''', 'g')::tsquery $$`,
];

const MATCHES = `create or replace function "searchMatches"(target text, q tsquery, ranked integer)
     returns table ("id" integer, "terms" tsvector)
     language sql stable security definer set search_path from current as $$
     with "matches" as materialized (
       -- Materialized: the index finds the matches, then the most recent are kept. Left to
       -- itself, the planner walks the ids backwards hoping to meet enough of them soon.
       select t."id", t."terms" from "searchText" t
       where "maySeeAudience"(target) and t."partition" = target
         and "partitionKeys"(t."partition", t."terms") @@ "partitionQuery"(target, q)
         and t."terms" @@ q)
     select "id", "terms" from "matches" order by "id" desc limit ranked $$`;

const BASELINE_MATCHES = `create or replace function "searchMatches"(target text, q tsquery, ranked integer)
     returns table ("id" integer, "terms" tsvector)
     language sql stable security definer set search_path from current as $$
     with "matches" as materialized (
       select t."id", t."terms" from "searchText" t
       where "maySeeAudience"(target) and t."partition" = target and t."terms" @@ q)
     select "id", "terms" from "matches" order by "id" desc limit ranked $$`;

export async function up(db: Db): Promise<void> {
  for (const statement of FUNCTIONS) await sql.raw(statement).execute(db);
  // No pending list (fastupdate off): GIN gathers new entries in one list that every search
  // reads whole until it is merged, every partition's together, which would bring back what
  // the prefixes keep apart. Each write updates the index itself instead.
  await sql`create index "searchTextByPartitionKeys" on "searchText"
    using gin ("partitionKeys"("partition", "terms")) with (fastupdate = off)`.execute(db);
  await sql`drop index "searchTextByPartitionTerms"`.execute(db);
  await sql.raw(MATCHES).execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql.raw(BASELINE_MATCHES).execute(db);
  await sql`create index "searchTextByPartitionTerms" on "searchText"
    using gin ("partition", "terms")`.execute(db);
  await sql`drop index "searchTextByPartitionKeys"`.execute(db);
  await sql`drop function "partitionQuery"(text, tsquery)`.execute(db);
  await sql`drop function "partitionKeys"(text, tsvector)`.execute(db);
}
