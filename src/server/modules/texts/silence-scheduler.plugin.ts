import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runAsSystem } from '../../db/postgres.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { onCommittedElsewhere } from '../changes/commit-notifier.ts';
import { latestReading, RunningWork } from './latest-reading.ts';
import { nextSilenceDeadline, settleDueSilences } from './settle-silences.ts';
import { retryDelay, timerDelay } from './silence.policy.ts';

/**
 * The one scheduler of the council: it adopts the texts whose silence held.
 *
 * - At start (onReady) it settles every deadline that passed while the server was down, each
 *   adopted at its own deadline instant.
 * - It then keeps one timer armed for the next deadline (deps.clock decides how far that is),
 *   unref'd so that it never keeps the process alive, re-armed after every successful write
 *   to a text and after every commit on another server (a silence started or broken there),
 *   and cleared when the app closes.
 * - Before any API request is answered it settles what is due among the texts the caller may
 *   read, so that a read after a deadline shows the adopted text even when the timer has not
 *   fired yet (or fired on another server). It looks only once the earliest deadline this
 *   server knows of has passed (no query at all otherwise: every request pays for this hook),
 *   and then only among the caller's texts: never another party's caucus texts, whose
 *   settling would show in this request's timing. That a hidden deadline has passed shows in
 *   no request's timing beyond the instant until the timer settles it, which is also when
 *   every server's timer fires.
 *
 * Settling is idempotent and claims each text inside its transaction (settle-silences.ts), so
 * the timer, a request and another server settling at once still adopt each text once.
 */
declare module 'fastify' {
  interface FastifyInstance {
    /** Settles once the timer has been re-armed after the last write that re-arms it. */
    silenceTimerArmed: () => Promise<void>;
    /** The earliest deadline of a running silence this server knows of (its timer's), or null. */
    silenceDeadlineKnown: () => string | null;
  }
}

export const silenceScheduler = fp(
  async (app: FastifyInstance, options: { deps: Deps }) => {
    const { deps } = options;
    let timer: NodeJS.Timeout | null = null;
    let closed = false;
    // The earliest deadline of a running silence, as this server last read it (arm).
    let earliest: string | null = null;
    app.decorate('silenceDeadlineKnown', () => earliest);
    // The re-armings after writes, which run after their responses have gone: a request that
    // comes meanwhile waits for the last (RunningWork), and whoever moves a clock by hand (a
    // test) waits for it first, or the timer is armed against the moved clock.
    const armingsAfterWrites = new RunningWork();
    app.decorate('silenceTimerArmed', () => armingsAfterWrites.last);

    // Texts whose settling failed (a damaged row): each waits for its own retry, later after
    // each failure (retryDelay), in real time, and is left out of the deadlines meanwhile, so
    // that it holds up no other text and no request pays for it. One such text is often one
    // party's caucus text: the other party's adoptions and requests must not show it.
    const failing = new Map<string, { failures: number; retryAt: number }>();
    const waiting = () => {
      const now = performance.now();
      return [...failing].filter(([, f]) => f.retryAt > now).map(([id]) => id);
    };
    const settle = async (reader?: Actor) => {
      const skip = waiting();
      const tried = new Set<string>();
      try {
        await settleDueSilences(deps, reader, {
          skip,
          onSettled: (id) => {
            tried.add(id);
            failing.delete(id);
          },
          onFailure: (id, error) => {
            tried.add(id);
            const failures = (failing.get(id)?.failures ?? 0) + 1;
            failing.set(id, { failures, retryAt: performance.now() + retryDelay(failures) });
            app.log.error({ err: error, textId: id, failures }, 'settling a silence failed');
          },
        });
        // A failed text the timer's pass over every text did not try (it was not waiting, so
        // it was not due any more: broken, withdrawn, adopted elsewhere) is forgotten.
        if (reader === undefined) {
          for (const id of failing.keys())
            if (!tried.has(id) && !skip.includes(id)) failing.delete(id);
        }
      } catch (error) {
        // The due texts could not be listed (the database went away): a read must still be
        // answered, and the next request or re-arming tries again.
        app.log.error({ err: error }, 'settling silences failed');
      }
    };

    // The timer is the system's, whoever's request re-armed it: it reads every party's
    // deadlines (past PostgreSQL's row-level security too), and so does what it settles. The
    // timer is created inside that scope, so its callback runs in it as well. It fires at the
    // next deadline or at the next retry of a failed text, whichever comes first; a retry's
    // time is fixed when the text fails, so re-armings (every write, every other server's
    // commit) never push it back.
    //
    // Re-armings can overlap (one after each write, one after each other server's commit),
    // and on a pool of connections the one that read first may answer last: only the latest
    // to start keeps what it read (latestReading), or a silence just started could be
    // forgotten by a re-arming that read before its commit (a deadline that never adopted).
    const readNextDeadline = latestReading(() =>
      nextSilenceDeadline(deps.db, undefined, waiting()),
    );
    const arm = () =>
      runAsSystem(async () => {
        const { value: next, latest } = await readNextDeadline();
        if (!latest) return;
        earliest = next;
        // Cleared after the read, not before: two re-armings at once leave one timer.
        if (timer !== null) clearTimeout(timer);
        timer = null;
        const retries = [...failing.values()].map((f) => f.retryAt);
        if ((next === null && retries.length === 0) || closed) return;
        const untilDeadline =
          next === null ? Number.POSITIVE_INFINITY : timerDelay(next, deps.clock());
        const untilRetry = Math.max(0, Math.min(...retries) - performance.now());
        timer = setTimeout(
          () => {
            timer = null;
            void settle().then(arm, (error) => app.log.error({ err: error }, 'silence timer'));
          },
          Math.min(untilDeadline, untilRetry),
        );
        timer.unref();
      });

    // Commits come in bursts: one re-arming at a time, and one more after it if any came in
    // while it ran, so that the last commit is always read.
    let rearming: Promise<void> | null = null;
    let rearmAgain = false;
    const rearmAfterCommit = () => {
      if (closed) return;
      if (rearming !== null) {
        rearmAgain = true;
        return;
      }
      rearming = arm()
        .catch((error) => app.log.error({ err: error }, 'arming the silence timer'))
        .finally(() => {
          rearming = null;
          if (rearmAgain) {
            rearmAgain = false;
            rearmAfterCommit();
          }
        });
    };
    let stopListening: (() => void) | null = null;
    // Only what this caller may read: see settleDueSilences.
    const settleDueFor = async (actor: Actor) => {
      const next = await nextSilenceDeadline(deps.db, actor, waiting());
      if (next !== null && next <= deps.clock().toISOString()) await settle(actor);
    };

    app.addHook('onReady', async () => {
      await settle();
      await arm();
      stopListening = onCommittedElsewhere(deps.db, rearmAfterCommit);
    });

    // Callback hooks: on almost every request there is nothing to wait for, and an async hook
    // would cost each one a turn of the microtask queue all the same.
    app.addHook('onRequest', (request, _reply, done) => {
      if (!request.url.startsWith('/api/')) return done();
      const settleIfDue = () => {
        if (earliest === null || earliest > deps.clock().toISOString()) return done();
        settleDueFor(request.actor).then(() => done(), done);
      };
      if (armingsAfterWrites.isRunning) void armingsAfterWrites.last.then(settleIfDue);
      else settleIfDue();
    });

    app.addHook('onResponse', (request, reply, done) => {
      if (request.method === 'GET' || reply.statusCode >= 400) return done();
      if (!request.url.startsWith('/api/texts/')) return done();
      void armingsAfterWrites
        .start(arm, (error) => app.log.error({ err: error }, 'arming the silence timer'))
        .then(() => done());
    });

    app.addHook('onClose', async () => {
      closed = true;
      stopListening?.();
      await rearming;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    });
  },
  { name: 'silence-scheduler' },
);
