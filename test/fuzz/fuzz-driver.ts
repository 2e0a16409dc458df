import { brotliCompressSync, createGzip, deflateSync, gzipSync } from 'node:zlib';
import type { BodySource, Frame, FuzzRequest, Header } from './fuzz-request';
import type { FuzzIdentities } from './fuzz-identities';
import { exchange, type Outcome } from './raw-http-exchange';

/** A request that went wrong, with what came back. */
export interface Finding {
  readonly index: number;
  readonly problem: '5xx' | 'hang' | 'dropped' | 'not HTTP' | 'in flight when the server died';
  readonly request: string;
  readonly outcome: string;
}

export interface FuzzResults {
  readonly sent: number;
  readonly findings: readonly Finding[];
  /** Responses by category and status ("route-body 400": 812). */
  readonly statuses: ReadonlyMap<string, number>;
  /** Requests with valid credentials that got a 2xx: proof the fuzzing reached past authentication. */
  readonly authorisedSuccesses: number;
  /** Requests the server closed without an answer where that is expected (refused or malformed bodies). */
  readonly expectedDrops: number;
  readonly slowestMs: number;
}

export interface DriverOptions {
  readonly port: number;
  readonly identities: FuzzIdentities;
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** False once the server process has exited: the run stops and names the requests in flight. */
  readonly alive: () => boolean;
  /** Called after each request with the number done so far. */
  readonly onProgress?: (done: number) => void;
}

/** Sends every request, at most `concurrency` at a time, and collects what went wrong. */
export async function runFuzz(requests: readonly FuzzRequest[], options: DriverOptions): Promise<FuzzResults> {
  const bomb = await gzipBomb();
  const findings: Finding[] = [];
  const statuses = new Map<string, number>();
  let authorisedSuccesses = 0;
  let expectedDrops = 0;
  let slowestMs = 0;
  let next = 0;
  let done = 0;
  let crashed = false;

  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      const spec = requests[index];
      if (!spec || crashed) return;
      const built = build(spec, options, bomb);
      const outcome = await exchange(options.port, {
        bytes: built.bytes,
        ...(built.frames ? { afterUpgrade: built.frames } : {}),
        timeoutMs: options.timeoutMs,
      });
      slowestMs = Math.max(slowestMs, outcome.ms);
      const status = outcome.kind === 'response' ? String(outcome.status) : outcome.kind;
      const key = `${spec.category} ${status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);

      // A crash closes every open connection a moment before the process's exit is reported.
      if (outcome.kind !== 'response') await new Promise((resolve) => setTimeout(resolve, 250));
      if (!options.alive()) {
        // The server died while this request was in flight (a refused connection came after the fact).
        crashed = true;
        if (!(outcome.kind === 'dropped' && outcome.reason === 'ECONNREFUSED'))
          findings.push({
            index,
            problem: 'in flight when the server died',
            request: describe(spec),
            outcome: describeOutcome(outcome),
          });
        return;
      }
      const problem = problemOf(outcome, built.mayDrop);
      if (problem) findings.push({ index, problem, request: describe(spec), outcome: describeOutcome(outcome) });
      else if (outcome.kind === 'dropped') expectedDrops++;
      if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
        if (spec.authorised) authorisedSuccesses++;
        // The slot's conversation was deleted ("Slet samtalen"): later requests get a fresh one.
        if (spec.method === 'DELETE' && spec.target.includes('/api/webchat/conversations/{conv}'))
          await options.identities.replaceCitizen(spec.slot);
      }
      options.onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  findings.sort(
    (a, b) =>
      (a.problem === 'in flight when the server died' ? -1 : 0) -
        (b.problem === 'in flight when the server died' ? -1 : 0) || a.index - b.index,
  );
  return { sent: done, findings, statuses, authorisedSuccesses, expectedDrops, slowestMs };
}

function problemOf(outcome: Outcome, mayDrop: boolean): Finding['problem'] | undefined {
  if (outcome.kind === 'timeout') return 'hang';
  if (outcome.kind === 'dropped') return mayDrop ? undefined : 'dropped';
  if (outcome.status === 0) return 'not HTTP';
  return outcome.status >= 500 ? '5xx' : undefined;
}

// --- building the bytes -----------------------------------------------------------------------

interface Built {
  readonly bytes: Buffer;
  readonly frames?: readonly Buffer[];
  /**
   * Closing without an answer is acceptable: the request is not valid HTTP, or it has a body the
   * server refuses unread (it answers and closes; unread bytes then make the kernel reset the
   * connection, which can overtake the answer), or it is a CONNECT, which the server does not serve.
   */
  readonly mayDrop: boolean;
}

function build(spec: FuzzRequest, options: DriverOptions, bomb: Buffer): Built {
  const fill = placeholderFiller(spec, options);
  if (spec.raw !== undefined) return { bytes: Buffer.from(fill(spec.raw), 'utf8'), mayDrop: true };

  const target = stripLineBreaks(fill(spec.target));
  let headers: Header[] = spec.headers.map(([name, value]) => [
    stripLineBreaks(fill(name)),
    stripLineBreaks(fill(value)),
  ]);
  // /api/messages with an Authorization header would make botbuilder fetch Microsoft's signing keys.
  if (looselyDecoded(target).toLowerCase().includes('messages'))
    headers = headers.filter(([name]) => name.toLowerCase() !== 'authorization');
  if (!headers.some(([name]) => name.toLowerCase() === 'host')) headers.unshift(['Host', fill('{host}')]);

  const body = spec.body ? bodyBytes(spec.body, bomb) : undefined;
  const declaresLength = headers.some(([name]) => name.toLowerCase() === 'content-length');
  let framedBody: Buffer = Buffer.alloc(0);
  if (body && spec.framing === 'length') {
    if (!declaresLength) headers.push(['Content-Length', String(body.length)]);
    framedBody = body;
  } else if (body && spec.framing === 'chunked') {
    headers.push(['Transfer-Encoding', 'chunked']);
    framedBody = chunked(body);
  } else if (body) {
    framedBody = body;
  }
  const head = `${spec.method} ${target} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  const typeHeader = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  const refusedUnread =
    body !== undefined &&
    (spec.framing !== 'length' ||
      body.length > 64 * 1024 ||
      headers.some(([name]) => name.toLowerCase() === 'content-encoding') ||
      !/json/i.test(typeHeader));
  return {
    bytes: Buffer.concat([Buffer.from(head, 'utf8'), framedBody]),
    ...(spec.frames ? { frames: spec.frames.map((frame) => frameBytes(frame, bodyBytes(frame.payload, bomb))) } : {}),
    mayDrop: refusedUnread || declaresLength || spec.method === 'CONNECT',
  };
}

function placeholderFiller(spec: FuzzRequest, { identities, port }: DriverOptions): (text: string) => string {
  const own = identities.citizen(spec.slot);
  const other = identities.citizen(spec.slot + 1);
  const staff = identities.staffSession(spec.slot);
  const values: Record<string, string> = {
    '{conv}': own.conversationId,
    '{token}': own.token,
    '{otherConv}': other.conversationId,
    '{otherToken}': other.token,
    '{cookie}': staff.cookie,
    '{csrf}': staff.csrfToken,
    '{origin}': `http://127.0.0.1:${port}`,
    '{host}': `127.0.0.1:${port}`,
  };
  return (text) =>
    text.replace(
      /\{(conv|token|otherConv|otherToken|cookie|csrf|origin|host)\}/g,
      (placeholder) => values[placeholder] ?? placeholder,
    );
}

/** Line breaks would end the head early; the raw category sends those on purpose. */
function stripLineBreaks(text: string): string {
  return text.replace(/[\r\n]/g, '');
}

/** The target with percent-escapes decoded as far as they decode (repeatedly, for double encoding). */
function looselyDecoded(target: string): string {
  let text = target;
  for (let round = 0; round < 4; round++)
    text = text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return text;
}

function bodyBytes(source: BodySource, bomb: Buffer): Buffer {
  switch (source.kind) {
    case 'text':
      return Buffer.from(source.text, 'utf8');
    case 'bytes':
      return Buffer.from(source.bytes);
    case 'repeat':
      return Buffer.from(source.prefix + source.unit.repeat(source.times) + source.suffix, 'utf8');
    case 'gzip-bomb':
      return bomb;
    case 'compressed': {
      const plain = bodyBytes(source.of, bomb);
      return source.encoding === 'gzip'
        ? gzipSync(plain)
        : source.encoding === 'deflate'
          ? deflateSync(plain)
          : brotliCompressSync(plain);
    }
  }
}

function chunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += 8192) {
    const chunk = body.subarray(offset, offset + 8192);
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** A client-to-server WebSocket frame (RFC 6455 §5.2), honest or not. */
function frameBytes(frame: Frame, payload: Buffer): Buffer {
  const length = frame.claimedLength ?? payload.length;
  const maskBit = frame.masked ? 0x80 : 0;
  const first = (frame.fin ? 0x80 : 0) | (frame.opcode & 0x0f);
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, maskBit | length]);
  else if (length < 65536) header = Buffer.from([first, maskBit | 126, length >> 8, length & 0xff]);
  else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = maskBit | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!frame.masked) return Buffer.concat([header, payload]);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([header, mask, masked]);
}

/** ≈ 200 KB of gzip that unpacks to 200 MB of zeros (the bomb of issue 8), made by streaming. */
async function gzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => parts.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
  });
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < 200; i++) if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end();
  await finished;
  return Buffer.concat(parts);
}

// --- describing for the failure list ------------------------------------------------------------

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text);

/** One line: what was sent, short enough to read in a list. */
export function describe(spec: FuzzRequest): string {
  if (spec.raw !== undefined) return `[${spec.category}] raw ${JSON.stringify(clip(spec.raw, 160))}`;
  const headers = spec.headers.map(([name, value]) => `${name}: ${clip(value, 50)}`).join(' | ');
  const body = spec.body ? ` body ${describeBody(spec.body)}` : '';
  const frames = spec.frames
    ? ` frames [${spec.frames.map((f) => `op${f.opcode}${f.fin ? '' : ' nofin'}${f.masked ? '' : ' unmasked'} ${describeBody(f.payload)}`).join(', ')}]`
    : '';
  return `[${spec.category}] ${spec.method} ${JSON.stringify(clip(spec.target, 120))}${headers ? ` {${headers}}` : ''}${spec.framing !== 'length' ? ` (${spec.framing})` : ''}${body}${frames}`;
}

function describeBody(source: BodySource): string {
  switch (source.kind) {
    case 'text':
      return JSON.stringify(clip(source.text, 100));
    case 'bytes':
      return `bytes[${source.bytes.length}] ${Buffer.from(source.bytes.slice(0, 24)).toString('hex')}`;
    case 'repeat':
      return `${JSON.stringify(clip(source.prefix, 60))} + ${JSON.stringify(source.unit)}×${source.times} + ${JSON.stringify(clip(source.suffix, 30))}`;
    case 'gzip-bomb':
      return 'gzip bomb (200 MB of zeros)';
    case 'compressed':
      return `${source.encoding}(${describeBody(source.of)})`;
  }
}

function describeOutcome(outcome: Outcome): string {
  if (outcome.kind === 'timeout') return `no answer after ${outcome.ms} ms`;
  if (outcome.kind === 'dropped')
    return `connection closed without an answer (${outcome.reason}) after ${outcome.ms} ms`;
  return `${outcome.head.split('\r\n')[0]} ${clip(outcome.bodyStart.replace(/\s+/g, ' '), 200)}`;
}
