/**
 * One generated request, as plain data: fast-check makes thousands of these from a seed, the
 * driver fills in the live credentials and sends the bytes. Kept as data so that a failure can be
 * printed and replayed (FUZZ_SEED) without sending anything.
 */
export interface FuzzRequest {
  /** Which generator made it (for the statistics and the failure list). */
  readonly category: string;
  readonly method: string;
  /** The request target as sent; may hold the placeholders below. */
  readonly target: string;
  /** Sent in this order, duplicates included; may hold the placeholders below. */
  readonly headers: readonly Header[];
  readonly body?: BodySource;
  /** How the body is framed: Content-Length (computed), chunked, or neither (the bytes follow the head). */
  readonly framing: 'length' | 'chunked' | 'none';
  /** Which pooled conversation or staff session the placeholders name. */
  readonly slot: number;
  /** Carries valid credentials: a 2xx counts as a request fuzzed past authentication. */
  readonly authorised?: 'citizen' | 'staff';
  /** Bytes sent as they are, instead of a request built from the fields above. */
  readonly raw?: string;
  /** WebSocket frames sent after a 101. */
  readonly frames?: readonly Frame[];
}

export type Header = readonly [name: string, value: string];

/** A body described compactly (huge and compressed ones are built only when sent). */
export type BodySource =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | {
      readonly kind: 'repeat';
      readonly prefix: string;
      readonly unit: string;
      readonly times: number;
      readonly suffix: string;
    }
  /** ≈ 200 KB of gzip that unpacks to 200 MB. */
  | { readonly kind: 'gzip-bomb' }
  | { readonly kind: 'compressed'; readonly encoding: 'gzip' | 'deflate' | 'br'; readonly of: BodySource };

/** A client WebSocket frame; `masked: false` and odd opcodes break the protocol on purpose. */
export interface Frame {
  readonly opcode: number;
  readonly payload: BodySource;
  readonly fin: boolean;
  readonly masked: boolean;
  /** Claim a length other than the payload's (the server must not wait for it or trust it). */
  readonly claimedLength?: number;
}

/**
 * Placeholders filled in when sending: the slot's conversation and token, another slot's
 * conversation and token, the staff session's cookie and CSRF token, our own origin and host.
 */
export const PLACEHOLDERS = [
  '{conv}',
  '{token}',
  '{otherConv}',
  '{otherToken}',
  '{cookie}',
  '{csrf}',
  '{origin}',
  '{host}',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
