import { run } from './program.ts';

// The entry point bin/council.js loads; everything else lives in program.ts so that tests
// can run commands in-process.

// `council search ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

// A password read from a pipe the caller keeps open would otherwise hold the process alive.
process.stdin.destroy();
