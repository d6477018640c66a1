import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runAsSystem } from '../../db/postgres.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../access/actor.ts';
import { onCommittedElsewhere } from '../changes/commit-notifier.ts';
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
    // The last re-arming, which runs after its response has gone: whoever moves a clock by
    // hand (a test) waits for it first, or the timer is armed against the moved clock.
    let arming: Promise<void> = Promise.resolve();
    app.decorate('silenceTimerArmed', () => arming);

    // Settlings by the timer that failed in a row: the next waits longer (retryDelay).
    let failures = 0;
    const settle = async (reader?: Actor) => {
      try {
        await settleDueSilences(deps, reader);
        if (reader === undefined) failures = 0;
      } catch (error) {
        // A read must still be answered; the timer tries again, later each time.
        if (reader === undefined) failures += 1;
        app.log.error({ err: error, failures }, 'settling silences failed');
      }
    };

    // The timer is the system's, whoever's request re-armed it: it reads every party's
    // deadlines (past PostgreSQL's row-level security too), and so does what it settles. The
    // timer is created inside that scope, so its callback runs in it as well.
    const arm = () =>
      runAsSystem(async () => {
        const next = await nextSilenceDeadline(deps.db);
        // After a failed settling, no request settles on its way in until the timer has tried
        // again: each would pay for a query, and fail too. (A deadline that cannot be settled
        // is often one party's caucus text: the other party's requests would all be slower.)
        earliest = failures > 0 ? null : next;
        // Cleared after the read, not before: two re-armings at once leave one timer.
        if (timer !== null) clearTimeout(timer);
        timer = null;
        if (next === null || closed) return;
        timer = setTimeout(
          () => {
            timer = null;
            void settle().then(arm, (error) => app.log.error({ err: error }, 'silence timer'));
          },
          Math.max(timerDelay(next, deps.clock()), retryDelay(failures)),
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
      const next = await nextSilenceDeadline(deps.db, actor);
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
      if (earliest === null || earliest > deps.clock().toISOString()) return done();
      settleDueFor(request.actor).then(() => done(), done);
    });

    app.addHook('onResponse', (request, reply, done) => {
      if (request.method === 'GET' || reply.statusCode >= 400) return done();
      if (!request.url.startsWith('/api/texts/')) return done();
      arming = arm().catch((error) => app.log.error({ err: error }, 'arming the silence timer'));
      void arming.then(() => done());
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
