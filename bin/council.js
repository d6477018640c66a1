#!/usr/bin/env node
// Node 24 runs the TypeScript sources itself (type stripping), so `npm install` needs no build
// step and no loader; the sources use only erasable syntax (tsconfig: erasableSyntaxOnly).
// The compile cache keeps the stripped and compiled modules between runs (in the system's
// temporary folder), which halves the time to the first answer.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('../src/cli/main.ts');
