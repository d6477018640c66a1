// The application's hot queries on PostgreSQL, compiled by Kysely's PostgreSQL compiler into the
// SQL text and parameters the application sends (sqlite-queries.ts builds them from the same
// repository functions; only the compiler differs), and the plan of one, one line a step.
import { type CompiledQuery, Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type pg from 'pg';
import type { Database } from '../../src/server/db/schema.ts';
import type { Actor } from '../../src/server/modules/access/actor.ts';
import { commonTopicProbe } from '../../src/server/modules/meetings/list-meetings.ts';
import type { SearchTerm } from '../../src/server/modules/search/full-text-store.ts';
import { TSVECTOR } from '../../src/server/modules/search/tsvector-store.ts';

/**
 * A Kysely whose queries are compiled and never sent: whatever it is asked to run is kept
 * (`captured`) and answered with no rows. The tsvector store builds and runs its ranked query
 * in one call, so this is how the benchmark gets that query's SQL without copying it.
 */
export function pgCompiler(): { db: Kysely<Database>; captured: CompiledQuery[] } {
  const captured: CompiledQuery[] = [];
  const client = {
    query: async (text: string, values: unknown[]) => {
      captured.push({ sql: text, parameters: values } as unknown as CompiledQuery);
      return { command: 'SELECT', rowCount: 0, rows: [] };
    },
    release: () => undefined,
  };
  const pool = { connect: async () => client, end: async () => undefined };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: pool as unknown as PostgresPool }),
  });
  return { db, captured };
}

/** A statement name for an SQL text: the same text, the same name, on every connection. */
export function statementName(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `bench_${(hash >>> 0).toString(36)}_${text.length}`;
}

/** Whether listMeetings would take the topic for a common one (its isCommonTopic, compiled). */
export async function isCommonTopicOn(
  client: pg.Client | pg.PoolClient,
  db: Kysely<Database>,
  actor: Actor,
  topicId: string,
): Promise<boolean> {
  const query = commonTopicProbe(db, actor, topicId).compile();
  const { rows } = await client.query(query.sql, [...query.parameters]);
  return rows.length > 0;
}

/** One compiler for every search: the direct search times the query, not a Kysely's making. */
const searchCompiler = pgCompiler();

/** The tsvector store's ranked query for one partition, as SQL text and parameters. */
export async function rankedQuery(
  partition: string,
  terms: readonly SearchTerm[],
  limit: number,
): Promise<CompiledQuery> {
  const { db, captured } = searchCompiler;
  captured.length = 0;
  await TSVECTOR.rank(db, partition as never, { terms, match: '', limit, entityType: undefined });
  const query = captured[0];
  if (query === undefined) throw new Error('the tsvector store ran no query');
  return query;
}

interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Relation Name'?: string;
  Alias?: string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Join Filter'?: string;
  'Hash Cond'?: string;
  'Sort Key'?: string[];
  Plans?: PlanNode[];
}

/**
 * EXPLAIN (FORMAT JSON) as one line a node, indented by depth, each with what bounds it and
 * whether it tests rows: `Index Scan using meetingsByDate on meetings (Index Cond: ...) (Filter)`.
 * A node on one line lets a check read a step whole (isWalk: an index scan with no bound).
 */
export function planLines(plan: PlanNode, depth = 0, out: string[] = []): string[] {
  const parts = [
    plan['Subplan Name'] !== undefined ? `${plan['Subplan Name']}:` : '',
    plan['Node Type'] === 'Index Scan' && plan['Scan Direction'] === 'Backward'
      ? 'Index Scan Backward'
      : plan['Node Type'],
    plan['Index Name'] !== undefined ? `using ${plan['Index Name']}` : '',
    plan['Relation Name'] !== undefined
      ? `on ${plan['Relation Name']}${plan.Alias !== undefined && plan.Alias !== plan['Relation Name'] ? ` ${plan.Alias}` : ''}`
      : '',
  ];
  for (const key of ['Index Cond', 'Recheck Cond', 'Hash Cond'] as const) {
    const value = plan[key];
    if (value !== undefined) parts.push(`(${key}: ${value})`);
  }
  // A filter is named, not written out: under row-level security each one carries the policy's
  // whole expression, a few hundred characters that say nothing about the plan's shape.
  for (const key of ['Join Filter', 'Filter'] as const) {
    if (plan[key] !== undefined) parts.push(`(${key})`);
  }
  if (plan['Sort Key'] !== undefined) parts.push(`(Sort Key: ${plan['Sort Key'].join(', ')})`);
  out.push(`${'  '.repeat(depth)}${parts.filter(Boolean).join(' ')}`);
  for (const child of plan.Plans ?? []) planLines(child, depth + 1, out);
  return out;
}

export type { PlanNode };
