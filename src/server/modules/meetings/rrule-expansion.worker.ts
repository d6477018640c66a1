import { parentPort } from 'node:worker_threads';
import rrulePackage from 'rrule';
import type { ExpansionAnswer, ExpansionJob } from './rrule-expansion.ts';

// Runs in a worker thread (rrule-expansion.ts says why). No application code is imported: the
// thread loads only rrule and this file.
const { RRule } = rrulePackage;

parentPort?.on('message', ({ id, request }: ExpansionJob) => {
  let answer: ExpansionAnswer;
  try {
    const rule = new RRule({
      ...RRule.parseString(request.rule),
      dtstart: new Date(request.dtstart),
      until: new Date(request.until),
    });
    const days: string[] = [];
    // The iterator stops rrule once it has found as many days as were asked for.
    rule.all((date) => {
      days.push(date.toISOString().slice(0, 10));
      return days.length < request.limit;
    });
    answer = { id, days };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
