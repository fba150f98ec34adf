// The breaker in front of the model server: at most `maxConcurrency` requests run, up to
// `maxQueueLength` wait in FIFO order, and beyond that a request is refused at once. Pure: no
// timers, no I/O; the proxy calls `enter` when a request arrives and `leave` when it is done (or
// when a queued client disconnects).
//
// Knative's queue-proxy breaker does the same job with a semaphore and a channel; here a doubly
// linked list gives FIFO order and O(1) removal of a waiter that gives up.

export interface Ticket {
  /** Whether the request is running (admitted to the model server) or still queued. */
  readonly state: "queued" | "running" | "left";
  /**
   * Gives the place back: a running request frees its slot for the head of the queue; a queued one
   * leaves the queue without ever running. Idempotent.
   */
  leave(): void;
}

interface Waiter {
  ticket: TicketImpl;
  prev: Waiter | undefined;
  next: Waiter | undefined;
}

class TicketImpl implements Ticket {
  state: "queued" | "running" | "left" = "queued";
  waiter: Waiter | undefined;

  constructor(
    private readonly breaker: Breaker,
    readonly onRun: (ticket: Ticket) => void,
  ) {}

  leave(): void {
    this.breaker.leave(this);
  }
}

export interface BreakerCounts {
  running: number;
  queued: number;
}

/**
 * What the in-flight demand estimate needs to hear of (demand.ts): every arrival, and whether
 * it was admitted (running or queued) or refused, and when each request starts and stops holding
 * a slot. The breaker has no clock; the observer keeps the time.
 */
export interface BreakerObserver {
  arrived(admitted: boolean): void;
  started(ticket: Ticket): void;
  released(ticket: Ticket): void;
}

export class Breaker {
  private running = 0;
  private queued = 0;
  private head: Waiter | undefined;
  private tail: Waiter | undefined;

  /**
   * @param onChange called after every change of the counts (for the in-flight gauge).
   */
  constructor(
    readonly maxConcurrency: number,
    readonly maxQueueLength: number,
    private readonly onChange: (counts: BreakerCounts) => void = () => {},
    private readonly observer?: BreakerObserver,
  ) {
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1)
      throw new Error(`max concurrency must be a positive integer, got ${maxConcurrency}`);
    if (!Number.isInteger(maxQueueLength) || maxQueueLength < 0)
      throw new Error(`max queue length must be a non-negative integer, got ${maxQueueLength}`);
  }

  counts(): BreakerCounts {
    return { running: this.running, queued: this.queued };
  }

  /** running + queued: what the autoscaler calls in-flight. */
  inFlight(): number {
    return this.running + this.queued;
  }

  /**
   * Admits a request. `onRun(ticket)` is called when it may go to the model server: synchronously,
   * before `enter` returns, when a slot is free and nobody is waiting; later, from another
   * request's `leave`, when it was queued. Returns undefined when the queue is full: refuse it.
   */
  enter(onRun: (ticket: Ticket) => void): Ticket | undefined {
    const ticket = new TicketImpl(this, onRun);
    // Nobody may overtake the queue, even when a slot is momentarily free.
    if (this.running < this.maxConcurrency && this.head === undefined) {
      this.observer?.arrived(true);
      ticket.state = "running";
      this.running++;
      this.onChange(this.counts());
      this.observer?.started(ticket);
      onRun(ticket);
      return ticket;
    }
    if (this.queued >= this.maxQueueLength) {
      this.observer?.arrived(false);
      return undefined;
    }
    this.observer?.arrived(true);
    const waiter: Waiter = { ticket, prev: this.tail, next: undefined };
    if (this.tail === undefined) this.head = waiter;
    else this.tail.next = waiter;
    this.tail = waiter;
    ticket.waiter = waiter;
    this.queued++;
    this.onChange(this.counts());
    return ticket;
  }

  /** @internal Use Ticket.leave. */
  leave(ticket: TicketImpl): void {
    if (ticket.state === "left") return;
    if (ticket.state === "queued") {
      this.unlink(ticket.waiter as Waiter);
      ticket.waiter = undefined;
      ticket.state = "left";
      this.queued--;
      this.onChange(this.counts());
      return;
    }
    ticket.state = "left";
    this.running--;
    this.observer?.released(ticket);
    const next = this.head;
    if (next === undefined) {
      this.onChange(this.counts());
      return;
    }
    // Hand the slot straight to the oldest waiter.
    this.unlink(next);
    next.ticket.waiter = undefined;
    next.ticket.state = "running";
    this.queued--;
    this.running++;
    this.onChange(this.counts());
    this.observer?.started(next.ticket);
    next.ticket.onRun(next.ticket);
  }

  private unlink(w: Waiter): void {
    if (w.prev === undefined) this.head = w.next;
    else w.prev.next = w.next;
    if (w.next === undefined) this.tail = w.prev;
    else w.next.prev = w.prev;
    w.prev = undefined;
    w.next = undefined;
  }
}
