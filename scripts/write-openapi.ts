// Writes docs/openapi.json from the routes' Zod schemas. The committed copy is what clients and
// reviewers read; tests/openapi.test.ts fails when it no longer matches the code.
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../tests/support/openapi-document.ts';

const file = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
console.log(`wrote ${file.pathname.split('/').slice(-2).join('/')}`);
