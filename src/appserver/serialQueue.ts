// Runs tasks one at a time in the order they were given; a failed task does not stop the next.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private running = 0;

  get busy(): boolean {
    return this.running > 0;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.running++;
    const result = this.tail.then(task).finally(() => this.running--);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when the tasks given so far have settled (later ones are not waited for). */
  drained(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /** Resolves when every task given so far has settled. */
  async idle(): Promise<void> {
    while (this.running > 0) await this.tail;
  }
}
