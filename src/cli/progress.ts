import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';
import type { CliIo } from './io.ts';

/**
 * Required when the first bar is drawn, not imported: every command, `serve` included, loads
 * this module, and only a long seed or import on a terminal draws a bar (the package is
 * CommonJS, so the bar stays synchronous).
 */
const cliProgress = (): typeof CliProgress =>
  createRequire(import.meta.url)('cli-progress') as typeof CliProgress;

/** Below this many rows a job is over before a bar would be worth drawing. */
export const PROGRESS_BAR_MIN_ROWS = 1000;

export interface Progress {
  update: (done: number, total: number, label: string) => void;
  stop: () => void;
}

/**
 * A progress bar for a long job on an interactive terminal; nothing at all otherwise, so that
 * logs and pipes receive only the final summary line.
 */
export function progressBar(io: CliIo, verb: string): Progress {
  let bar: CliProgress.SingleBar | undefined;
  return {
    update: (done, total, label) => {
      if (!io.stdout.isTTY || total < PROGRESS_BAR_MIN_ROWS) return;
      if (!bar) {
        const { SingleBar, Presets } = cliProgress();
        bar = new SingleBar(
          {
            stream: io.stdout,
            format: `${verb} [{bar}] {percentage}% | {value}/{total} rows | {label}`,
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(total, 0, { label });
      }
      bar.update(done, { label });
    },
    stop: () => {
      bar?.stop();
      bar = undefined;
    },
  };
}
