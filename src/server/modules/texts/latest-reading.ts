/**
 * Readings of one thing that may overlap and answer out of order, of which only the latest to
 * start counts. On a pool of connections a reading that began before a commit can answer after
 * one that began after it: kept, its older answer would replace the newer (the silence
 * scheduler forgot a silence so, and the silence never adopted). Each reading answers its value
 * and whether it is still the latest to have started; one that is not is to be dropped.
 */
export function latestReading<T>(
  read: () => Promise<T>,
): () => Promise<{ value: T; latest: boolean }> {
  let started = 0;
  return async () => {
    const mine = ++started;
    const value = await read();
    return { value, latest: mine === started };
  };
}

/**
 * Work that runs after a response has gone (re-arming the silence timer after a write), and
 * whether any of it still runs: a request that comes meanwhile waits for the last to start,
 * or it would judge by what the server knew before the write. A count, as runs overlap.
 */
export class RunningWork {
  #running = 0;
  #last: Promise<void> = Promise.resolve();

  /** Starts `work`; a failure is handed to `onError`, never left unhandled. */
  start(work: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    this.#running++;
    this.#last = work()
      .catch(onError)
      .finally(() => {
        this.#running--;
      });
    return this.#last;
  }

  /** Whether some work started here has not ended. */
  get isRunning(): boolean {
    return this.#running > 0;
  }

  /** Settles when the work started last has ended (at once when none ran). */
  get last(): Promise<void> {
    return this.#last;
  }
}
