/**
 * A first-in, first-out lock. The SQLite engine has one connection: every call, reads included,
 * holds this from its first statement to its last, so no call ever sees another's uncommitted
 * writes and a transaction is never interleaved with a stranger's statements.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const previous = this.tail;
    this.tail = next;
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
