import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './support/openapi-document.ts';

describe('the committed OpenAPI document', () => {
  it('matches what the application serves (run `npm run openapi` after changing a route)', async () => {
    const committed = JSON.parse(
      readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8'),
    );
    expect(await openApiDocument()).toEqual(committed);
  });

  it('is OpenAPI 3.1 and documents problem details as the error answer of every API route', async () => {
    const document = (await openApiDocument()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
    expect(operations.length).toBeGreaterThan(50);
    for (const operation of operations) {
      expect(JSON.stringify(operation.responses['4XX'])).toContain('#/components/schemas/Problem');
    }
  });
});
