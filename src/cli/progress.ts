import cliProgress from 'cli-progress';
import type { CliIo } from './io.ts';

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
  let bar: cliProgress.SingleBar | undefined;
  return {
    update: (done, total, label) => {
      if (!io.stdout.isTTY || total < PROGRESS_BAR_MIN_ROWS) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: io.stdout,
            format: `${verb} [{bar}] {percentage}% | {value}/{total} rows | {label}`,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
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
