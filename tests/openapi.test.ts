import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { validate as readmeValidate } from '@readme/openapi-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument, openApiTypes } from './support/openapi-document.ts';

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const served = (await openApiDocument()) as Document;
const operations = Object.entries(served.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ key: `${method} ${path}`, operation })),
);
const root = new URL('..', import.meta.url);
const folder = mkdtempSync(join(tmpdir(), 'council-openapi-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the committed OpenAPI document', () => {
  it('matches what the application serves (run `npm run openapi` after changing a route)', () => {
    const committed = JSON.parse(readFileSync(new URL('docs/openapi.json', root), 'utf8'));
    expect(served).toEqual(committed);
  });

  it("matches the typed client's types (run `npm run openapi` after changing a route)", async () => {
    const committed = readFileSync(new URL('src/shared/api/openapi.d.ts', root), 'utf8');
    expect(await openApiTypes(served)).toBe(committed);
  });

  it('is OpenAPI 3.1 and documents problem+json as the error answer of every API route', () => {
    expect(served.openapi).toBe('3.1.0');
    expect(operations.length).toBeGreaterThan(50);
    for (const { key, operation } of operations) {
      for (const status of ['4XX', '5XX']) {
        expect(Object.keys(operation.responses[status]?.content ?? {}), key).toEqual([
          'application/problem+json',
        ]);
      }
    }
  });

  it('gives every operation a stable, unique camelCase operationId', () => {
    const ids = operations.map(({ operation }) => operation.operationId ?? '');
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(served.paths['/api/meetings/{id}']?.get?.operationId).toBe('getMeeting');
    expect(served.paths['/api/decisions/{id}/concur']?.post?.operationId).toBe('concurDecision');
  });

  it('declares on each operation whether a credential is optional or needed', () => {
    const optional = [{}, { bearer: [] }, { session: [] }];
    const needed = [{ bearer: [] }, { session: [] }];
    const security = (path: string, method: string) => served.paths[path]?.[method]?.security;
    expect(security('/api/meetings', 'get')).toEqual(optional);
    expect(security('/api/session', 'post')).toEqual(optional);
    expect(security('/api/me', 'get')).toEqual(needed);
    expect(security('/api/audit', 'get')).toEqual(needed);
    expect(security('/api/meetings', 'post')).toEqual(needed);
    for (const { key, operation } of operations) expect(operation.security, key).toBeDefined();
  });

  it('documents the calendar feed as text/calendar', () => {
    const ok = served.paths['/api/meetings.ics']?.get?.responses['200'];
    expect(Object.keys(ok?.content ?? {})).toEqual(['text/calendar']);
  });
});

describe('the served document, as the ecosystem reads it', () => {
  it('passes @apidevtools/swagger-parser', async () => {
    // The parsers dereference in place: each gets its own copy.
    await expect(SwaggerParser.validate(structuredClone(served) as never)).resolves.toBeTruthy();
  });

  it('passes @readme/openapi-parser', async () => {
    const result = await readmeValidate(structuredClone(served) as never);
    expect(result).toMatchObject({ valid: true, warnings: [] });
  });

  it('passes redocly lint with redocly.yaml: no error, no warning', async () => {
    const file = join(folder, 'openapi.json');
    writeFileSync(file, JSON.stringify(served));
    const redocly = new URL('node_modules/.bin/redocly', root).pathname;
    const config = new URL('redocly.yaml', root).pathname;
    // Lints offline: no telemetry, no update check; the rules are all built in.
    const run = await promisify(execFile)(
      redocly,
      ['lint', file, '--config', config, '--format', 'json'],
      {
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        },
      },
    ).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(run.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 30_000);
});
