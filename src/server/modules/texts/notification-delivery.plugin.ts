import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runAsSystem } from '../../db/postgres.ts';
import type { Deps } from '../../deps.ts';
import { onCommitted } from '../changes/commit-notifier.ts';
import { noticesWait } from '../notifications/notify.ts';
import { retryDelay } from './silence.policy.ts';
import { deliverNotifications } from './text-notifications.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Hands out every notice committed so far, now, and settles when done: for whoever needs
     * the notifications to exist at a known moment (a test, a shutdown).
     */
    deliverNotifications: () => Promise<void>;
    /** Emits `pass` (with the notices handed out) after every pass, automatic or asked for. */
    notificationPasses: EventEmitter;
  }
}

/**
 * How long after a commit its notices are handed out. Not at once: the commit's own request
 * is still being answered (on PostgreSQL its handler may still wait for the database), and
 * handing out to the other party's readers meanwhile would slow that answer by their number,
 * which is what leaving a notice instead of writing notifications avoids. A reader is told a
 * few milliseconds later than the commit, which nobody can tell from a page.
 */
export const DELIVERY_DELAY_MS = 20;

/** How often a server looks for notices left waiting (a lost signal, a failed attempt). */
export const SWEEP_MS = 5_000;

/**
 * Hands out the notices changes leave (text-notifications.ts), after their commits: one pass
 * at start (what a crash or another process left), then one after each burst of commits, on
 * this server or, through PostgreSQL or the SQLite file, on another. Passes run one at a time;
 * each notice is claimed by the transaction that hands it out, so two servers never hand one
 * out twice. The work is the system's: it reads every party's notices, past row-level security.
 * With `afterCommit` false nothing runs until `app.deliverNotifications()` is called.
 */
export const notificationDelivery = fp(
  async (app: FastifyInstance, options: { deps: Deps; afterCommit: boolean }) => {
    const { deps } = options;
    const passes = new EventEmitter();
    app.decorate('notificationPasses', passes);
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> = Promise.resolve();
    let closed = false;
    let stopListening: (() => void) | null = null;

    // Notices whose batch failed (a damaged row): each waits for its own retry, later after each
    // failure, and holds up no other notice meanwhile.
    const failing = new Map<string, { failures: number; retryAt: number }>();
    const waitingRetry = () => {
      const now = performance.now();
      return [...failing].filter(([, f]) => f.retryAt > now).map(([id]) => id);
    };

    const pass = (): Promise<void> => {
      running = running.then(() =>
        runAsSystem(async () => {
          if (closed) return;
          try {
            const handedOut = (await noticesWait(deps.db))
              ? await deliverNotifications(deps, {
                  skip: waitingRetry(),
                  onFailure: (id, error) => {
                    const failures = (failing.get(id)?.failures ?? 0) + 1;
                    failing.set(id, {
                      failures,
                      retryAt: performance.now() + retryDelay(failures),
                    });
                    app.log.error(
                      { err: error, noticeId: id, failures },
                      'handing out a notice failed',
                    );
                  },
                })
              : 0;
            passes.emit('pass', handedOut);
          } catch (error) {
            // The notices stay where they were; the sweep below tries again.
            app.log.error({ err: error }, 'handing out notifications failed');
          }
        }),
      );
      return running;
    };
    const schedule = (delay = DELIVERY_DELAY_MS) => {
      if (closed || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void pass();
      }, delay);
      timer.unref();
    };
    // A commit's signal can be lost (a NOTIFY while the listening connection reconnects, a
    // failed pass): while any notice waits, a sweep looks again, so that no one is told of a
    // silence only when it is already over. One indexed read when nothing waits.
    let sweep: NodeJS.Timeout | null = null;

    app.decorate('deliverNotifications', () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      return pass();
    });
    if (options.afterCommit) {
      app.addHook('onReady', async () => {
        stopListening = onCommitted(deps.db, () => schedule());
        sweep = setInterval(() => schedule(0), SWEEP_MS);
        sweep.unref();
        await pass();
      });
    }
    app.addHook('onClose', async () => {
      closed = true;
      if (sweep !== null) clearInterval(sweep);
      stopListening?.();
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    });
  },
  { name: 'notification-delivery' },
);
