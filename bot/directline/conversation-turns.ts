/**
 * Runs one conversation's bot turns one at a time, in arrival order (on this instance), so a
 * citizen who sends two messages quickly gets the answers in order and the bot state is never
 * written by two turns at once. Different conversations run concurrently.
 */
export class ConversationTurns {
  private readonly tails = new Map<string, Promise<void>>();

  run(conversationId: string, turn: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const next = previous.then(turn, turn);
    const tail = next.catch(() => undefined);
    this.tails.set(conversationId, tail);
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });
    return next;
  }

  /** Resolves when every queued turn has finished (graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
