/** One load in flight for a key: its promise, the controller that cancels it, who waits. */
interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** Waiters that can still leave (they passed a signal). */
  waiters: number;
  /** A waiter without a signal joined: nobody may cancel the load any more. */
  pinned: boolean;
}

const ignore = () => {};

/**
 * Single flight per process: concurrent loads of one key share one promise. A waiter
 * with a signal leaves at once when it aborts; the load itself is cancelled only when
 * its last waiter left and no waiter without a signal joined.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  constructor(private readonly abortedError: () => Error) {}

  /**
   * Joins the load of `key`, or starts one with `start`. `isCurrent` tells `start` whether
   * its result may still be stored: false once the key was forgotten (invalidated, cleared).
   */
  run(key: string, start: (signal: AbortSignal, isCurrent: () => boolean) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(this.abortedError());
    const flight = this.flights.get(key) ?? this.begin(key, start);
    if (signal === undefined) {
      flight.pinned = true;
      return flight.promise;
    }
    flight.waiters++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        flight.waiters--;
        if (!flight.pinned && flight.waiters === 0) {
          if (this.flights.get(key) === flight) this.flights.delete(key);
          flight.controller.abort();
        }
        reject(this.abortedError());
      };
      signal.addEventListener('abort', leave, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }

  /** New loads of `key` start afresh; the one in flight finishes for its waiters but is not current. */
  forget(key: string): void {
    this.flights.delete(key);
  }

  clear(): void {
    this.flights.clear();
  }

  private begin(key: string, start: (signal: AbortSignal, isCurrent: () => boolean) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    const flight: Flight<T> = { promise: undefined as unknown as Promise<T>, controller, waiters: 0, pinned: false };
    const isCurrent = () => this.flights.get(key) === flight;
    const settle = () => {
      if (isCurrent()) this.flights.delete(key);
    };
    this.flights.set(key, flight);
    let started: Promise<T>;
    try {
      started = start(controller.signal, isCurrent);
    } catch (error) {
      started = Promise.reject(error);
    }
    flight.promise = started.then(
      (value) => {
        settle();
        return value;
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
    // Every waiter may have left (aborted): nobody else would handle the rejection.
    flight.promise.catch(ignore);
    return flight;
  }
}
