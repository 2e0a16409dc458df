import { createHmac, randomBytes } from 'node:crypto';

/** Hex characters kept: 128 bits, plenty to keep conversations apart, nothing to reverse. */
const HASH_LENGTH = 32;

/**
 * Names a conversation in insight events without naming it: an HMAC of its id under a secret
 * (INSIGHT_HASH_SECRET, shared by every instance so they agree). Without the secret nobody can
 * check whether an event belongs to a given conversation id, so a deleted conversation stays
 * deleted. Without a configured secret each process draws a random one: events of one
 * conversation handled by two instances (or across a restart) are then not linked.
 */
export class ConversationHash {
  private readonly secret: Buffer;
  readonly configured: boolean;

  constructor(secret: string | undefined) {
    this.configured = secret !== undefined;
    this.secret = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
  }

  of(conversationId: string): string {
    return createHmac('sha256', this.secret).update(conversationId).digest('hex').slice(0, HASH_LENGTH);
  }
}
