import { connect, type Socket } from 'node:net';

/** What came back for one raw request. */
export type Outcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly head: string;
      readonly bodyStart: string;
      readonly ms: number;
    }
  /** The server closed or reset the connection without a status line. */
  | { readonly kind: 'dropped'; readonly reason: string; readonly ms: number }
  /** No status line within the timeout: a hang. */
  | { readonly kind: 'timeout'; readonly ms: number };

export interface RawExchange {
  /** Bytes written at once: request line, headers and (part of) the body. */
  readonly bytes: Buffer;
  /** After a 101 Switching Protocols: WebSocket frames to write, one after another. */
  readonly afterUpgrade?: readonly Buffer[];
  readonly timeoutMs: number;
}

/**
 * Sends bytes exactly as given (node:http and fetch refuse malformed headers, bad framing and odd
 * encodings) and reads until the first final status line. A 5xx waits briefly for the start of its
 * body, for the report; anything else is closed at once: only the status matters.
 */
export function exchange(port: number, request: RawExchange): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect({ port, host: '127.0.0.1' });
    let received = Buffer.alloc(0);
    let settled = false;
    let status: StatusLine | undefined;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const responded = () => {
      if (!status) return;
      finish({
        kind: 'response',
        status: status.status,
        head: status.head,
        bodyStart: received.subarray(status.bodyOffset, status.bodyOffset + 400).toString('utf8'),
        ms: Date.now() - started,
      });
    };
    const timer = setTimeout(
      () => (status ? responded() : finish({ kind: 'timeout', ms: Date.now() - started })),
      request.timeoutMs,
    );

    socket.on('connect', () => socket.write(request.bytes));
    // The server may answer and close before it has read everything we send (413, 415): a write
    // error then is expected, and what it answered is still read below.
    socket.on('error', (error: NodeJS.ErrnoException) =>
      status ? responded() : finish({ kind: 'dropped', reason: error.code ?? error.message, ms: Date.now() - started }),
    );
    socket.on('close', () =>
      status ? responded() : finish({ kind: 'dropped', reason: 'closed', ms: Date.now() - started }),
    );
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (status) return; // already answered: the rest (a body, stream frames) is not needed
      status = finalStatus(received);
      if (!status) return;
      if (status.status === 101) {
        void sendFrames(socket, request.afterUpgrade ?? []).then(() => responded());
        return;
      }
      if (status.status < 500 || received.length - status.bodyOffset >= 400) responded();
      else setTimeout(responded, 300);
    });
  });
}

/** The first non-1xx status (or a 101), skipping interim 100 Continue answers. */
interface StatusLine {
  readonly status: number;
  readonly head: string;
  readonly bodyOffset: number;
}

function finalStatus(received: Buffer): StatusLine | undefined {
  let offset = 0;
  for (;;) {
    const end = received.indexOf('\r\n\r\n', offset);
    if (end < 0) return undefined;
    const head = received.subarray(offset, end).toString('latin1');
    const match = /^HTTP\/\d\.\d (\d{3})/.exec(head);
    const status = match ? Number(match[1]) : 0;
    if (status >= 200 || status === 101 || status === 0) return { status, head, bodyOffset: end + 4 };
    offset = end + 4;
  }
}

/** Writes WebSocket frames, then gives the server a moment to react (close, or nothing). */
async function sendFrames(socket: Socket, frames: readonly Buffer[]): Promise<void> {
  for (const frame of frames) {
    if (socket.destroyed) return;
    socket.write(frame);
  }
  await new Promise((resolve) => setTimeout(resolve, frames.length > 0 ? 150 : 50));
}
