import jwt from 'jsonwebtoken';
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** What a token grants: one conversation, of one municipality, from one web origin. */
export const TokenClaimsSchema = z.strictObject({
  conversationId: z.string().min(1),
  municipalityId: z.string().min(1),
  origin: z.string(),
});
export type TokenClaims = z.infer<typeof TokenClaimsSchema>;

const AUDIENCE = 'borgerservice-assistenten/directline';

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';

  /** True for a token that was ours and valid, and has run out: the client should get a new one. */
  constructor(readonly expired: boolean) {
    super(expired ? 'token expired' : 'token invalid');
  }
}

/**
 * Short-lived signed tokens (HS256 JWT via jsonwebtoken) in place of Direct Line secrets: the
 * browser only ever holds a token for its own conversation, which expires and is refreshed.
 */
export class DirectLineTokens {
  /**
   * A KeyObject, not the string: jsonwebtoken parses a string secret into a key on every sign and
   * verify (about 0.5 ms each, a quarter of a busy instance's time); a KeyObject is parsed once.
   */
  private readonly secret: KeyObject;

  constructor(
    secret: string | undefined,
    readonly ttlSeconds: number,
  ) {
    // One instance may make its own secret; several instances must share one (config enforces it).
    this.secret = createSecretKey(Buffer.from(secret ?? randomBytes(48).toString('base64url'), 'utf8'));
  }

  issue(claims: TokenClaims): string {
    return jwt.sign({ ...claims }, this.secret, { algorithm: 'HS256', audience: AUDIENCE, expiresIn: this.ttlSeconds });
  }

  verify(token: string): TokenClaims {
    let payload: unknown;
    try {
      payload = jwt.verify(token, this.secret, { algorithms: ['HS256'], audience: AUDIENCE });
    } catch (error) {
      throw new InvalidTokenError(error instanceof jwt.TokenExpiredError);
    }
    const parsed = TokenClaimsSchema.safeParse(typeof payload === 'object' && payload ? pickClaims(payload) : payload);
    if (!parsed.success) throw new InvalidTokenError(false);
    return parsed.data;
  }
}

function pickClaims(payload: object): Record<string, unknown> {
  const { conversationId, municipalityId, origin } = payload as Record<string, unknown>;
  return { conversationId, municipalityId, origin };
}
