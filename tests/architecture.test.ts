import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TableName } from '../src/server/db/schema.ts';

/**
 * The rules of docs/CODE_STYLE.md that a reader would otherwise have to check by hand:
 * one write path, each module writing its own tables only, no folder cycle between the HTTP
 * layer and the modules, no test helpers among the sources.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sources(SRC).map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

/** Who owns each table: only that module's files write it. */
const OWNER: Record<TableName, string> = {
  sources: 'seed',
  parties: 'parties',
  delegations: 'parties',
  council: 'council',
  councilPeriods: 'council',
  councilStatements: 'council',
  recordCoverage: 'council',
  people: 'people',
  posts: 'people',
  topics: 'topics',
  meetings: 'meetings',
  meetingCoChairs: 'meetings',
  meetingAttendance: 'meetings',
  agendaAgreements: 'meetings',
  agendaItems: 'meetings',
  agendaItemTopics: 'meetings',
  agendaItemActivities: 'meetings',
  workProgrammes: 'work-programmes',
  workProgrammeAreas: 'work-programmes',
  activities: 'work-programmes',
  activityProgress: 'work-programmes',
  decisions: 'decisions',
  decisionResponses: 'decisions',
  notes: 'notes',
  offices: 'offices',
  operations: 'operations',
  operationStrengths: 'operations',
  timelineEvents: 'timeline',
  users: 'auth',
  sessions: 'auth',
  roleGrants: 'auth',
  signInAttempts: 'auth',
  addressAttempts: 'auth',
  calendarFeeds: 'calendar',
  publicationRequests: 'publication',
  classifications: 'texts',
  texts: 'texts',
  textVersions: 'texts',
  textAgreements: 'texts',
  textStatements: 'texts',
  silenceParticipants: 'texts',
  silenceBreaks: 'texts',
  textSeries: 'texts',
  adoptionRecords: 'texts',
  textSignatures: 'record',
  partyKeys: 'record',
  recordLog: 'record',
  notifications: 'notifications',
  pendingNotifications: 'notifications',
  auditEvents: 'audit',
  searchDocuments: 'search',
  changeEvents: 'changes',
};

/**
 * The loaders that write every table on the operator's behalf, by table name: the reference
 * record's seed and the backup's import. They still go through the unit of work.
 */
const LOADERS = new Set(['seed', 'transfer']);

function moduleOf(path: string): string | null {
  const match = /^src\/server\/modules\/([^/]+)\//.exec(path);
  return match?.[1] ?? null;
}

describe('the one write path', () => {
  it('is the only place that opens a write transaction', () => {
    const opening = files
      .filter((f) => /\.transaction\(\)/.test(f.text))
      .map((f) => f.path)
      .sort();
    // The unit of work, and the read-only snapshot an export reads.
    expect(opening).toEqual([
      'src/server/db/snapshot.ts',
      'src/server/modules/changes/unit-of-work.ts',
    ]);
  });

  it('alone writes audit entries, search documents and change events', () => {
    const calls: [RegExp, string[]][] = [
      [/\binsertAuditEntry\(/, ['src/server/modules/changes/unit-of-work.ts']],
      [/\bappendChangeEvent\(/, ['src/server/modules/changes/unit-of-work.ts']],
      [/\b(indexDocument|removeDocument)\(/, ['src/server/modules/changes/unit-of-work.ts']],
      [/\b(insertDocuments|clearIndex)\(/, ['src/server/modules/transfer/rebuild-search-index.ts']],
    ];
    for (const [pattern, allowed] of calls) {
      const callers = files
        .filter(
          (f) => pattern.test(f.text) && !/export async function/.test(lineOf(f.text, pattern)),
        )
        .map((f) => f.path)
        .sort();
      expect(callers, String(pattern)).toEqual(allowed);
    }
  });
});

function lineOf(text: string, pattern: RegExp): string {
  return text.split('\n').find((line) => pattern.test(line)) ?? '';
}

describe('modules', () => {
  it('each write only their own tables; an effect elsewhere goes through its owner', () => {
    const trespasses: string[] = [];
    for (const file of files) {
      const module = moduleOf(file.path);
      if (module === null || LOADERS.has(module)) continue;
      for (const match of file.text.matchAll(/\.(insertInto|updateTable|deleteFrom)\('(\w+)'\)/g)) {
        const table = match[2] as TableName;
        if (OWNER[table] !== module) trespasses.push(`${file.path} writes ${table}`);
      }
    }
    expect(trespasses).toEqual([]);
  });

  it('never import the composition root; neither the HTTP layer nor the database imports a module', () => {
    const crossings = files
      .filter((f) => /^src\/server\/(http|db|domain)\//.test(f.path))
      .filter((f) => /from '(\.\.\/)+modules\//.test(f.text))
      .map((f) => f.path);
    expect(crossings).toEqual([]);
    const rootImports = files
      .filter((f) => f.path.startsWith('src/server/modules/'))
      .filter((f) => /from '(\.\.\/)+app\.ts'/.test(f.text))
      .map((f) => f.path);
    expect(rootImports).toEqual([]);
  });

  it('keep test helpers out of the sources', () => {
    const helpers = files
      .filter((f) => /\.(fixtures?|test-support)\.ts$/.test(f.path) || /from 'vitest'/.test(f.text))
      .map((f) => f.path);
    expect(helpers).toEqual([]);
  });
});
