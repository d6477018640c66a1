#!/usr/bin/env node
// Node 24 runs the TypeScript sources itself (type stripping), so `npm install` needs no build
// step and no loader; the sources use only erasable syntax (tsconfig: erasableSyntaxOnly).
// The compile cache keeps the stripped and compiled modules between runs (in the system's
// temporary folder), which halves the time to the first answer.
import { enableCompileCache } from 'node:module';

enableCompileCache();
// The bundle of these very sources (dist/server, `npm run build`) when there is one: it loads
// in a fraction of the time. `council start` (npm start) makes it when it is missing or stale;
// every other command, and the tests, run the sources otherwise.
const { cliEntry } = await import('../src/server/server-build.ts');
await import(await cliEntry({ build: process.argv[2] === 'start' }));
