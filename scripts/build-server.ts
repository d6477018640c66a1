// `npm run build:server`: bundles the server and the CLI into dist/server/<hash>/ (see
// src/server/server-build.ts), which bin/council.js then runs.
import { buildServer, serverBuildOf } from '../src/server/server-build.ts';

if (!(await buildServer())) {
  console.error('esbuild is not installed (npm install): the sources run unbundled');
  process.exitCode = 1;
} else {
  console.log(`built ${serverBuildOf().file}`);
}
