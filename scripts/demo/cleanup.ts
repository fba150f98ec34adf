// What the demo started, to be stopped in reverse order on success, failure or Ctrl-C: load,
// recorder, controller, sandbox, temporary folders. Each task runs once, even when cleanup is
// asked for twice (a second Ctrl-C while the first is cleaning up).

export interface CleanupTask {
  name: string;
  run: () => Promise<void> | void;
}

export class Cleanup {
  private readonly tasks: CleanupTask[] = [];
  private running: Promise<string[]> | undefined;

  /** Registers a task; the returned function unregisters it (the step stopped it itself). */
  add(name: string, run: CleanupTask["run"]): () => void {
    const task = { name, run };
    this.tasks.push(task);
    return () => {
      const i = this.tasks.indexOf(task);
      if (i >= 0) this.tasks.splice(i, 1);
    };
  }

  get pending(): string[] {
    return this.tasks.map((t) => t.name);
  }

  /**
   * Runs every task, newest first, each at most once; resolves with the failures ("name: why")
   * rather than stopping at the first, so one stuck task does not leave the rest running.
   */
  runAll(onTask: (name: string) => void = () => {}): Promise<string[]> {
    this.running ??= (async () => {
      const failures: string[] = [];
      while (this.tasks.length > 0) {
        const task = this.tasks.pop() as CleanupTask;
        onTask(task.name);
        try {
          await task.run();
        } catch (err) {
          failures.push(`${task.name}: ${(err as Error).message}`);
        }
      }
      return failures;
    })();
    return this.running;
  }
}
