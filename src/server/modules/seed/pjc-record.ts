import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { checkPjcRecord, describePath } from './check-pjc-record.ts';
import { PJC_FILES, type PjcRecord } from './pjc-record.schemas.ts';

type Kind = keyof typeof PJC_FILES;

/** Bad data in the record: every problem found, each naming its file and field. */
export class PjcRecordError extends Error {
  readonly problems: string[];

  constructor(folder: string, problems: string[]) {
    super(`the PJC record in ${folder} is not valid:\n  ${problems.join('\n  ')}`);
    this.name = 'PjcRecordError';
    this.problems = problems;
  }
}

/**
 * Reads and validates every file of the reference record in `folder`: first each file against
 * its schema, then the references between files (sources, parties, topics, meetings ...).
 * Throws PjcRecordError listing all problems, so that one run shows everything to fix.
 */
export async function loadPjcRecord(folder: string | URL): Promise<PjcRecord> {
  const base = folderUrl(folder);
  const problems: string[] = [];
  const record: Partial<PjcRecord> = {};
  for (const kind of Object.keys(PJC_FILES) as Kind[]) {
    assign(record, kind, await loadKind(base, kind, problems));
  }
  if (!isComplete(record) || problems.length > 0) {
    throw new PjcRecordError(fileURLToPath(base), problems);
  }
  const crossProblems = checkPjcRecord(record);
  if (crossProblems.length > 0) throw new PjcRecordError(fileURLToPath(base), crossProblems);
  return record;
}

function folderUrl(folder: string | URL): URL {
  const url = typeof folder === 'string' ? pathToFileURL(resolve(folder)) : new URL(folder.href);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

async function loadKind<K extends Kind>(
  base: URL,
  kind: K,
  problems: string[],
): Promise<PjcRecord[K] | undefined> {
  const { file, schema } = PJC_FILES[kind];
  let text: string;
  try {
    text = await readFile(new URL(file, base), 'utf8');
  } catch (error) {
    problems.push(`${file}: cannot be read (${errorMessage(error)})`);
    return undefined;
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    problems.push(`${file}: not valid YAML: ${errorMessage(error)}`);
    return undefined;
  }
  const result = (schema as z.ZodType).safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${file}: ${describePath(data, issue.path) || '(file)'}: ${issue.message}`);
    }
    return undefined;
  }
  // The schema for `kind` produced this value; the loop over kinds loses that link for tsc.
  return result.data as PjcRecord[K];
}

function assign<K extends Kind>(
  record: Partial<PjcRecord>,
  kind: K,
  value: PjcRecord[K] | undefined,
): void {
  if (value !== undefined) record[kind] = value;
}

function isComplete(record: Partial<PjcRecord>): record is PjcRecord {
  return (Object.keys(PJC_FILES) as Kind[]).every((kind) => record[kind] !== undefined);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
