import {
  checkRetention,
  newCallbackRequest,
  oldestFirst,
  type CallbackRequest,
  type CallbackRequestStore,
  type NewCallbackRequest,
} from './callback-request-store';

export interface InMemoryCallbackRequestStoreOptions {
  readonly retentionSeconds: number;
  /** The clock retention is measured by; tests pass their own. */
  readonly now?: () => number;
}

/** Callback requests in this process's memory, for one instance. Expired ones are dropped when seen. */
export class InMemoryCallbackRequestStore implements CallbackRequestStore {
  private readonly requests = new Map<string, { request: CallbackRequest; expiresAt: number }>();
  private readonly retentionSeconds: number;
  private readonly now: () => number;

  constructor(options: InMemoryCallbackRequestStoreOptions) {
    checkRetention(options.retentionSeconds);
    this.retentionSeconds = options.retentionSeconds;
    this.now = options.now ?? Date.now;
  }

  async add(request: NewCallbackRequest, now: Date): Promise<CallbackRequest> {
    const stored = newCallbackRequest(request, now);
    this.sweep();
    this.requests.set(stored.id, { request: stored, expiresAt: this.now() + this.retentionSeconds * 1000 });
    // A copy, so a caller changing its object cannot change the stored request.
    return { ...stored };
  }

  async list(queueIds: readonly string[]): Promise<CallbackRequest[]> {
    this.sweep();
    const queues = new Set(queueIds);
    return [...this.requests.values()]
      .filter(({ request }) => queues.has(request.queueId))
      .map(({ request }) => ({ ...request }))
      .sort(oldestFirst);
  }

  async count(queueIds: readonly string[]): Promise<number> {
    return (await this.list(queueIds)).length;
  }

  async remove(id: string): Promise<boolean> {
    this.sweep();
    return this.requests.delete(id);
  }

  async close(): Promise<void> {
    this.requests.clear();
  }

  /** Every operation sweeps: requests are few, and an expired one must never be listed or count. */
  private sweep(): void {
    const now = this.now();
    for (const [id, { expiresAt }] of this.requests) if (expiresAt <= now) this.requests.delete(id);
  }
}
