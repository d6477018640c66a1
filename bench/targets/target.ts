// What a scenario needs from a database: the data loaded through the application's schema, the
// environment `council serve` runs with, and the baseline B for the same dialect. The SQLite
// target is sqlite.ts; PostgreSQL plugs in through postgres.ts (raw pg with a named prepared
// statement as B) without a change to the scenarios.
import type { Actor } from '../../src/server/modules/access/actor.ts';
import type { Served } from '../support/processes.ts';
import type { ListFilters } from './sqlite-queries.ts';

export interface BenchUser {
  /** The bearer token the application's own openSession gave out. */
  token: string;
  actor: Actor;
}

export interface Target {
  dialect: 'sqlite' | 'postgres';
  /** For the report: the engine and its driver. */
  label: string;
  /** For the report: what baseline B is on this dialect. */
  baseline: string;
  /** Why this target cannot run here (printed), or null. */
  skipReason: () => string | null;
  /** Loads `meetings` meetings (10 agenda items each) and `paragraphs` notes for search. */
  load: (options: { meetings: number; paragraphs: number; writers: number }) => Promise<Loaded>;
}

export interface Loaded {
  /** DATABASE_URL and whatever else `council serve` needs for this database. */
  env: Record<string, string>;
  /** The engine's version, for the machine section. */
  engineVersion: string;
  /** How long the load took, in seconds. */
  loadSeconds: number;
  /** A NATO member: sees public, joint and NATO's caucus (half of the paragraphs). */
  member: BenchUser;
  /** Accounts for the mixed load, one token each (NATO and Russian secretaries in turn). */
  writers: BenchUser[];
  /** Meetings: one public (for the anonymous read) and one joint (for the member's). */
  publicMeetingId: string;
  jointMeetingId: string;
  /** Meeting ids a reader of the mixed load picks from (all joint or public). */
  readableMeetingIds: string[];
  /** Topic ids: one on many agendas, one on none. */
  commonTopicId: string;
  unusedTopicId: string;
  /** Starts baseline B on this database, answering for the given users' tokens. */
  startBaseline: (users: readonly BenchUser[]) => Promise<Served>;
  /**
   * Runs the search's ranked full-text query directly on the driver (no HTTP, no framework):
   * at once on better-sqlite3, a promise on pg (the scenario awaits either).
   */
  searchDirect: (actor: Actor, text: string) => unknown;
  /** The plan of the application's list query for these filters, one line a step. */
  explainList: (actor: Actor, filters: ListFilters) => string[] | Promise<string[]>;
  /** Whether a plan line is a full scan of a large table (a missing index). */
  isScan: (line: string) => boolean;
  /**
   * Whether a plan line walks an index in order without a bound from the filter (SQLite's
   * `SCAN meetings USING INDEX meetingsByVisibility`, PostgreSQL's index scan on meetings with no
   * Index Cond): cheap when matches come early, a scan in
   * index order when they come late or never.
   */
  isWalk: (line: string) => boolean;
  /** The SQLite file, when the peer (Directus) copies the meetings from it. */
  sqliteFile?: string;
  close: () => Promise<void>;
}
