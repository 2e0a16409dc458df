import type { Response } from 'restify';
import type { Agent, HandoffDesk } from '../handoff/handoff-desk';
import type { Logger } from '../runtime/logger';
import { fromCitizen, transcriptItem, type StaffViews } from './staff-views';
import type { StaffRecords } from './staff-records';

export interface StaffEventStreamOptions {
  /** How often the open stream renews the agent's duty; well under the grace period. */
  readonly heartbeatMs: number;
  /** How long the agent stays on duty after the stream's last heartbeat (a dropped connection's grace period). */
  readonly graceMs: number;
  readonly now: () => Date;
}

const PING_MS = 15_000;
const SNAPSHOT_DEBOUNCE_MS = 50;
const PAGE = 100;

interface Followed {
  watermark: string;
  unsubscribe: () => void;
  reading: boolean;
  again: boolean;
}

/**
 * One console's server-sent events: a fresh snapshot whenever the agent's queues or conversations
 * change (on any instance), and the messages of the conversations the agent holds as they arrive.
 * While the stream is open the agent is on duty; when it closes, the sweeper gives their
 * conversations back to the queue once the grace period has passed without a reconnect.
 */
export class StaffEventStream {
  private readonly followed = new Map<string, Followed>();
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribeQueue: (() => void) | undefined;
  private snapshotTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly desk: HandoffDesk,
    private readonly records: StaffRecords,
    private readonly views: StaffViews,
    private readonly agent: Agent,
    private readonly res: Response,
    private readonly options: StaffEventStreamOptions,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx buffers responses by default, which would hold events back.
      'X-Accel-Buffering': 'no',
    });
    this.res.write('retry: 2000\n\n');
    await this.heartbeat();
    this.unsubscribeQueue = this.records.queue.subscribe(() => this.snapshotSoon());
    this.timers.push(setInterval(() => void this.heartbeat(), this.options.heartbeatMs));
    this.timers.push(setInterval(() => this.res.write(': ping\n\n'), PING_MS));
    for (const timer of this.timers) timer.unref();
    await this.sendSnapshot();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribeQueue?.();
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.snapshotTimer);
    for (const followed of this.followed.values()) followed.unsubscribe();
    this.followed.clear();
    // Ends the response when the server closes the stream (shutdown); a no-op once the client has gone.
    if (!this.res.writableEnded) this.res.end();
  }

  private send(event: string, data: unknown): void {
    if (!this.closed) this.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private async heartbeat(): Promise<void> {
    // An account that serves no queue (an editor) is never on duty, console open or not.
    if (!this.desk.servesQueues(this.agent)) return;
    try {
      await this.records.queue.heartbeat(
        this.agent.id,
        this.desk.queuesOf(this.agent),
        this.options.now(),
        this.options.graceMs,
      );
    } catch (error) {
      // The next heartbeat tries again; a longer outage ends duty after the grace period, as it should.
      this.warn('staff heartbeat failed', error);
    }
  }

  private snapshotSoon(): void {
    if (this.closed || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      void this.sendSnapshot();
    }, SNAPSHOT_DEBOUNCE_MS);
  }

  private async sendSnapshot(): Promise<void> {
    try {
      const snapshot = await this.views.snapshot(this.agent, this.options.now());
      this.send('snapshot', snapshot);
      await this.follow(new Set(snapshot.mine.map((m) => m.conversationId)));
    } catch (error) {
      this.warn('staff snapshot failed', error);
    }
  }

  /** Starts following newly held conversations and stops (with an `ended` event) those no longer held. */
  private async follow(held: ReadonlySet<string>): Promise<void> {
    for (const [conversationId, followed] of this.followed) {
      if (held.has(conversationId)) continue;
      followed.unsubscribe();
      this.followed.delete(conversationId);
      this.send('ended', { conversationId, reason: await this.whyEnded(conversationId) });
    }
    for (const conversationId of held) {
      if (this.followed.has(conversationId)) continue;
      // From the end of what the console loads with the conversation view: only news from here on.
      const { watermark } = await this.records.conversations.activitiesAfter(
        conversationId,
        '',
        Number.POSITIVE_INFINITY,
      );
      if (this.closed || this.followed.has(conversationId)) continue;
      const followed: Followed = { watermark, reading: false, again: false, unsubscribe: () => undefined };
      this.followed.set(conversationId, followed);
      followed.unsubscribe = this.records.conversations.subscribe(
        conversationId,
        () => void this.readNews(conversationId, followed),
      );
      // Anything appended between reading the watermark and subscribing is read now.
      void this.readNews(conversationId, followed);
    }
  }

  private async readNews(conversationId: string, followed: Followed): Promise<void> {
    if (followed.reading) {
      followed.again = true;
      return;
    }
    followed.reading = true;
    try {
      do {
        followed.again = false;
        const page = await this.records.conversations.activitiesAfter(conversationId, followed.watermark, PAGE);
        followed.watermark = page.watermark;
        for (const activity of page.activities) {
          if (activity.type === 'typing') {
            if (fromCitizen(activity)) this.send('typing', { conversationId });
            continue;
          }
          const item = transcriptItem(activity);
          if (item) this.send('activity', { conversationId, item });
        }
        if (page.activities.length === PAGE) followed.again = true;
      } while (followed.again && !this.closed);
    } catch (error) {
      this.warn('reading a held conversation failed', error);
    } finally {
      followed.reading = false;
    }
  }

  private async whyEnded(conversationId: string): Promise<'dropped' | 'cancelled' | 'ended'> {
    if (await this.records.queue.waitingEntry(conversationId)) return 'dropped';
    if (!(await this.records.conversations.getConversation(conversationId))) return 'cancelled';
    // "Start forfra": the conversation is still there, but the citizen has left it.
    if ((await this.records.presence.departureReason(conversationId)) !== undefined) return 'cancelled';
    return 'ended';
  }

  private warn(message: string, error: unknown): void {
    this.logger.warn(
      { err: { message: error instanceof Error ? error.message : String(error) }, agent: this.agent.id },
      message,
    );
  }
}
