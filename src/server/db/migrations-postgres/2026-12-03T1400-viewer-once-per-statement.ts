import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
//
// The policies of 2026-12-03T1100-row-level-security.ts call "maySee" and "maySeeAudience",
// which PostgreSQL inlines: every row then asks current_setting('council.viewer') up to four
// times, and the planner, which cannot know the setting, estimates `viewer = 'operator'` and
// `viewer like 'party:%'` at half a percent each. It took a policy that passes nearly every
// meeting for one that passes one in twenty, so a page of the meetings on a common topic
// looked cheapest as a scan of every meeting and a sort (4.6 s at 100,000 meetings) instead of
// a walk down the date index that stops after a page (17 ms).
//
// Here every policy of those tables says the same rule with the viewer asked once per
// statement: each question about the viewer alone is an uncorrelated subquery, which
// PostgreSQL runs once (an InitPlan) and the planner estimates as an unknown boolean (one in
// two) rather than as one value among many. What each viewer may see is unchanged: the same
// tables keep the same policy, USING and WITH CHECK alike, row for row.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

/** The tables of 2026-12-03T1100 whose policy is "maySee"("visibility", "party"). */
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

/** The tables of 2026-12-03T1100 whose policy is "maySeeAudience" of this column. */
const AUDIENCE_TABLES: Record<string, string> = {
  changeEvents: 'audience',
  recordLog: 'audience',
  searchDocuments: 'audience',
  searchText: 'partition',
  textSeries: 'audience',
};

// The viewer's questions, each answered once per statement.
const OPERATOR = `(select "councilViewer"() = 'operator')`;
const A_PARTY = `(select "councilViewer"() like 'party:%')`;
const VIEWER_PARTY = `(select substr("councilViewer"(), 7))`;

/** "maySee"(visibility, party), its body as it stands, the viewer asked once. */
const MAY_SEE = `"visibility" = 'public'
  or ${OPERATOR}
  or (${A_PARTY} and ("visibility" <> 'caucus' or "party" = ${VIEWER_PARTY}))`;

/** "maySeeAudience"(column), its body as it stands, the viewer asked once. */
function maySeeAudience(column: string): string {
  const audience = `split_part("${column}", '~', 1)`;
  return `${audience} = 'public'
    or ${OPERATOR}
    or (${A_PARTY} and (${audience} = 'joint' or ${audience} = (select 'caucus:' || substr("councilViewer"(), 7))))`;
}

export async function up(db: Db): Promise<void> {
  for (const table of ITEM_TABLES) await restate(db, table, MAY_SEE);
  for (const [table, column] of Object.entries(AUDIENCE_TABLES)) {
    await restate(db, table, maySeeAudience(column));
  }
}

async function restate(db: Db, table: string, rule: string): Promise<void> {
  await sql`alter policy "visibleToViewer" on ${sql.table(table)}
    using (${sql.raw(rule)}) with check (${sql.raw(rule)})`.execute(db);
}
