// Writes docs/openapi.json from the routes' Zod schemas, and the typed client's types from it
// (src/shared/api/openapi.d.ts). The committed copies are what clients and reviewers read;
// tests/openapi.test.ts fails when either no longer matches the code.
import { writeFileSync } from 'node:fs';
import { openApiDocument, openApiTypes } from '../tests/support/openapi-document.ts';

const document = await openApiDocument();
const files = [
  [new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(document, null, 2)}\n`],
  [new URL('../src/shared/api/openapi.d.ts', import.meta.url), await openApiTypes(document)],
] as const;
for (const [file, text] of files) {
  writeFileSync(file, text);
  console.log(`wrote ${file.pathname.split('/').slice(-3).join('/')}`);
}
