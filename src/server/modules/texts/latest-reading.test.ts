import { describe, expect, it } from 'vitest';
import { latestReading, RunningWork } from './latest-reading.ts';

/** A reading whose answer the test gives, when it chooses. */
function heldReadings<T>() {
  const held: ((value: T) => void)[] = [];
  const read = () => new Promise<T>((resolve) => held.push(resolve));
  return { read, answer: (index: number, value: T) => held[index]?.(value) };
}

describe('latestReading', () => {
  it('drops an older reading that answers after a newer one', async () => {
    const { read, answer } = heldReadings<string | null>();
    const reading = latestReading(read);
    // The first began before a silence was started and reads none; the second, after, reads it.
    const before = reading();
    const after = reading();
    answer(1, '2026-12-08T12:00:00.000Z');
    answer(0, null);
    expect(await after).toEqual({ value: '2026-12-08T12:00:00.000Z', latest: true });
    expect(await before).toEqual({ value: null, latest: false });
  });

  it('keeps each reading that no later one overtook', async () => {
    const { read, answer } = heldReadings<number>();
    const reading = latestReading(read);
    const first = reading();
    answer(0, 1);
    expect(await first).toEqual({ value: 1, latest: true });
    const second = reading();
    answer(1, 2);
    expect(await second).toEqual({ value: 2, latest: true });
  });

  it('keeps the newest reading even when the older answers first', async () => {
    const { read, answer } = heldReadings<number>();
    const reading = latestReading(read);
    const older = reading();
    const newer = reading();
    answer(0, 1);
    answer(1, 2);
    expect(await older).toEqual({ value: 1, latest: false });
    expect(await newer).toEqual({ value: 2, latest: true });
  });
});

describe('RunningWork', () => {
  it('is running until every run ended, and its last settles with the run started last', async () => {
    const work = new RunningWork();
    expect(work.isRunning).toBe(false);
    const { read, answer } = heldReadings<void>();
    const errors: unknown[] = [];
    const first = work.start(read, (e) => errors.push(e));
    const second = work.start(read, (e) => errors.push(e));
    expect(work.isRunning).toBe(true);
    let lastEnded = false;
    void work.last.then(() => {
      lastEnded = true;
    });
    answer(0, undefined);
    await first;
    // The first ended, the second (the last) has not: a request still waits.
    expect(work.isRunning).toBe(true);
    expect(lastEnded).toBe(false);
    answer(1, undefined);
    await second;
    await work.last;
    expect(lastEnded).toBe(true);
    expect(work.isRunning).toBe(false);
    expect(errors).toEqual([]);
  });

  it('hands a failure to onError and stops counting the run', async () => {
    const work = new RunningWork();
    const errors: unknown[] = [];
    await work.start(
      () => Promise.reject(new Error('the database went away')),
      (e) => errors.push(e),
    );
    expect(work.isRunning).toBe(false);
    expect(errors).toEqual([new Error('the database went away')]);
  });
});
