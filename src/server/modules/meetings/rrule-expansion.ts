import { Worker } from 'node:worker_threads';
import { invalid } from '../../domain/errors.ts';
import type { Recurrence } from './recurrence-rule.ts';

export interface ExpansionRequest {
  rule: string;
  /** The first meeting's local wall-clock time, written as if it were UTC (rrule's floating time). */
  dtstart: number;
  /** The last instant of the last day, in the same floating time. */
  until: number;
  /** Stop after this many days. */
  limit: number;
}

/** What goes to the worker thread, and what comes back. */
export interface ExpansionJob {
  id: number;
  request: ExpansionRequest;
}
export type ExpansionAnswer = { id: number; days: string[] } | { id: number; error: string };

/**
 * Long enough for any rule that has meetings to find them (a daily rule over ten years takes
 * well under 100 ms); a rule that has found none by then has none in the span of a series.
 */
export const EXPANSION_DEADLINE_MS = 1000;

const WORKER = new URL('./rrule-expansion.worker.ts', import.meta.url);

interface Pending {
  job: ExpansionJob;
  field: Recurrence['field'];
  resolve: (days: string[]) => void;
  reject: (error: Error) => void;
  deadline: NodeJS.Timeout;
}

/**
 * One worker thread that expands rules, one after the other, started on first use (starting a
 * thread and loading rrule takes about a tenth of a second, too long to pay per request). It
 * keeps the process alive only while it holds a rule, so that a command exits once it has its
 * answer. A rule past its deadline is refused and its thread stopped (there is no other way to
 * stop rrule); the rules queued behind it go to a fresh thread.
 */
class RuleExpander {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private lastId = 0;

  expand(recurrence: Recurrence, request: Omit<ExpansionRequest, 'rule'>): Promise<string[]> {
    const job: ExpansionJob = { id: ++this.lastId, request: { ...request, rule: recurrence.rule } };
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, {
        job,
        field: recurrence.field,
        resolve,
        reject,
        deadline: this.deadlineOf(job.id),
      });
      this.post(job);
    });
  }

  private deadlineOf(id: number): NodeJS.Timeout {
    return setTimeout(() => this.expire(id), EXPANSION_DEADLINE_MS);
  }

  private post(job: ExpansionJob): void {
    const worker = this.thread();
    worker.ref();
    worker.postMessage(job);
  }

  /** Idle, the thread no longer keeps the process alive. */
  private idle(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }

  private thread(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(WORKER, {
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    });
    worker.on('message', (answer: ExpansionAnswer) => this.settle(answer));
    // A thread that died (out of its memory, say) takes the rules it held with it.
    worker.on('error', (error) => this.abandon(worker, error.message));
    worker.on('exit', () => this.abandon(worker, 'the expansion stopped'));
    this.worker = worker;
    return worker;
  }

  private settle(answer: ExpansionAnswer): void {
    const pending = this.pending.get(answer.id);
    if (pending === undefined) return;
    this.pending.delete(answer.id);
    clearTimeout(pending.deadline);
    if ('days' in answer) pending.resolve(answer.days);
    else pending.reject(invalid(pending.field, `cannot be expanded: ${answer.error}`));
    this.idle();
  }

  private expire(id: number): void {
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    this.pending.delete(id);
    pending.reject(invalid(pending.field, 'finds no meeting: no day fits every part of the rule'));
    const stuck = this.worker;
    this.worker = null;
    void stuck?.terminate();
    // The rules queued behind the stuck one start again, with their full time, on a new thread.
    for (const other of this.pending.values()) {
      clearTimeout(other.deadline);
      other.deadline = this.deadlineOf(other.job.id);
      this.post(other.job);
    }
  }

  private abandon(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.deadline);
      pending.reject(invalid(pending.field, `cannot be expanded: ${reason}`));
    }
  }
}

const expander = new RuleExpander();

/**
 * The local days a rule falls on, from dtstart to until, at most `limit` of them. rrule looks
 * for a rule's next day until it finds one past UNTIL, and a rule that never falls on a day
 * (FREQ=DAILY;BYSETPOS=2) sends it on to the year 9999: half a minute of computing that would
 * stop every other request. So rrule runs in a worker thread, stopped at the deadline, and the
 * event loop serves everyone else meanwhile. Throws ValidationFailed, naming the recurrence's
 * field, for a rule that does not finish or that rrule cannot expand.
 */
export function expandRecurrence(
  recurrence: Recurrence,
  request: Omit<ExpansionRequest, 'rule'>,
): Promise<string[]> {
  return expander.expand(recurrence, request);
}
