// A promise with its resolve function at hand: how one stage waits for another (lint-staged before the
// unit tests, the check's migrated database before the integration tests).

/** A promise and the function that settles it. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

/** Use when a stage must wait for something another stage signals. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
