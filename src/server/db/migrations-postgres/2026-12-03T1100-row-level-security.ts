import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
//
// Defence in depth: the application filters every read by the one visibility rule
// (modules/access/visibility.policy.ts), and PostgreSQL refuses, on its own, every row of a
// caucus to whoever is not of its party. The application's connections act as
// `council_app`, a role that owns no table and cannot bypass row-level security; each
// connection says whom it serves in `council.viewer` (src/server/db/postgres.ts):
// `party:<id>` for a user of that party, `anonymous`, or `operator` for the system's own work
// (migrations, the CLI, scheduled settlements, integrity checks). A connection that says
// nothing sees what the public sees. Policies apply to every role (FORCE makes them bind the
// tables' owner too); only a superuser passes them, and the application never runs as one.
//
// A later migration that reads or changes caucus rows says `set local council.viewer =
// 'operator'` first.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/** Tables whose rows carry `visibility` and `party` (a caucus row belongs to its party). */
const ITEM_TABLES = [
  'activities',
  'activityProgress',
  'adoptionRecords',
  'agendaAgreements',
  'agendaItems',
  'auditEvents',
  'council',
  'councilPeriods',
  'councilStatements',
  'decisionResponses',
  'decisions',
  'delegations',
  'meetingAttendance',
  'meetingCoChairs',
  'meetings',
  'notes',
  'offices',
  'operationStrengths',
  'operations',
  'parties',
  'people',
  'posts',
  'recordCoverage',
  'silenceBreaks',
  'silenceParticipants',
  'textAgreements',
  'textSignatures',
  'textStatements',
  'textVersions',
  'texts',
  'timelineEvents',
  'topics',
  'workProgrammeAreas',
  'workProgrammes',
];

/**
 * Tables whose rows belong to an audience (`public`, `joint`, `caucus:<party>`, possibly with a
 * marking after `~`) rather than carry a visibility: numbering, outbox, record and search.
 */
const AUDIENCE_TABLES: Record<string, string> = {
  changeEvents: 'audience',
  recordLog: 'audience',
  searchDocuments: 'audience',
  searchText: 'partition',
  textSeries: 'audience',
};

const FUNCTIONS = [
  `create function "councilViewer"() returns text language sql stable as $$
     select coalesce(current_setting('council.viewer', true), '') $$`,
  `create function "maySee"(visibility text, party text) returns boolean language sql stable as $$
     select visibility = 'public'
       or "councilViewer"() = 'operator'
       or ("councilViewer"() like 'party:%'
           and (visibility <> 'caucus' or party = substr("councilViewer"(), 7))) $$`,
  `create function "maySeeAudience"(audience text) returns boolean language sql stable as $$
     select split_part(audience, '~', 1) = 'public'
       or "councilViewer"() = 'operator'
       or ("councilViewer"() like 'party:%'
           and (split_part(audience, '~', 1) = 'joint'
                or split_part(audience, '~', 1) = 'caucus:' || substr("councilViewer"(), 7))) $$`,
  // What a caller may learn of rows it may not see, derived on purpose: a public work
  // programme approved by a joint decision is approved for the public too. The function sees
  // past the policies (its own setting of the viewer) and answers the decision's id, which the
  // application shows only to a caller who may see that decision.
  `create function "firstApproval"(kind text, target text) returns text
     language sql stable set council.viewer = 'operator' as $$
     select d."id" from "decisions" d
     where d."status" = 'agreed' and d."approvesKind" = kind and d."approvesId" = target
     order by d."decidedOn", d."id" limit 1 $$`,
];

/**
 * The search words: under a policy, PostgreSQL evaluates the match (`@@`, not leakproof) only
 * after the policy, row by row, and never through the GIN index. So the words' table is not
 * FORCEd: its owner, who alone may skip the policy, searches it in two functions that run as
 * the owner (security definer) and check the caller's viewer themselves (maySeeAudience), a
 * partition at a time: the index answers, and the database still answers no partition the
 * connection's viewer may not see. The application's role reads the table itself only under
 * the policy.
 */
const SEARCH_FUNCTIONS = [
  `create function "searchMatches"(target text, q tsquery, ranked integer)
     returns table ("id" integer, "terms" tsvector)
     language sql stable security definer set search_path from current as $$
     with "matches" as materialized (
       -- Materialized: the index finds the matches, then the most recent are kept. Left to
       -- itself, the planner walks the ids backwards hoping to meet enough of them soon.
       select t."id", t."terms" from "searchText" t
       where "maySeeAudience"(target) and t."partition" = target and t."terms" @@ q)
     select "id", "terms" from "matches" order by "id" desc limit ranked $$`,
  // The partitions that hold documents, one index probe each (a loose index scan).
  `create function "searchPartitions"() returns setof text
     language sql stable security definer set search_path from current as $$
     with recursive p("partition") as (
       (select "partition" from "searchText" order by "partition" limit 1)
       union all
       select (select s."partition" from "searchText" s where s."partition" > p."partition"
               order by s."partition" limit 1)
       from p where p."partition" is not null)
     select "partition" from p where "partition" is not null and "maySeeAudience"("partition") $$`,
];

export async function up(db: Db): Promise<void> {
  // Roles belong to the whole server, not to one database: made once, kept by every council
  // (and every test schema) on it. Two councils migrating at once may race to make it.
  await sql`do $$ begin
      create role council_app nologin noinherit nobypassrls;
    exception when duplicate_object or unique_violation then null; end $$`.execute(db);
  // Granted to whoever migrates, so that its connections may act as council_app. Two councils
  // granting at once may collide; only a grant that did not happen is an error.
  await sql`do $$ begin
      execute format('grant council_app to %I', current_user);
    exception when others then
      if not pg_has_role(current_user, 'council_app', 'member') then raise; end if;
    end $$`.execute(db);
  const schema = sql.id(
    (await sql<{ s: string }>`select current_schema() as "s"`.execute(db)).rows[0]?.s as string,
  );
  await sql`grant usage on schema ${schema} to council_app`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema ${schema} to council_app`.execute(
    db,
  );
  // update: an import moves the identities past the ids it restored (setval).
  await sql`grant usage, select, update on all sequences in schema ${schema} to council_app`.execute(
    db,
  );
  await sql`alter default privileges in schema ${schema}
    grant select, insert, update, delete on tables to council_app`.execute(db);
  await sql`alter default privileges in schema ${schema}
    grant usage, select, update on sequences to council_app`.execute(db);

  for (const statement of FUNCTIONS) await sql.raw(statement).execute(db);
  for (const table of ITEM_TABLES) {
    await secure(db, table, sql`"maySee"("visibility", "party")`);
  }
  for (const [table, column] of Object.entries(AUDIENCE_TABLES)) {
    await secure(db, table, sql`"maySeeAudience"(${sql.ref(column)})`, table !== 'searchText');
  }
  for (const statement of SEARCH_FUNCTIONS) await sql.raw(statement).execute(db);
  // The links of an agenda item to topics and activities are as visible as the item: the
  // policy asks the item's own table, whose policy answers.
  for (const table of ['agendaItemTopics', 'agendaItemActivities']) {
    await secure(
      db,
      table,
      sql`exists (select 1 from "agendaItems" i where i."id" = "agendaItemId")`,
    );
  }
  // A party's role grants (two-person confirmation of chairs and admins) are its own.
  await secure(
    db,
    'roleGrants',
    sql`"councilViewer"() = 'operator' or "councilViewer"() = 'party:' || "party"`,
  );
}

async function secure(
  db: Db,
  table: string,
  rule: ReturnType<typeof sql>,
  force = true,
): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  if (force) await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql`create policy "visibleToViewer" on ${sql.table(table)}
    using (${rule}) with check (${rule})`.execute(db);
}
