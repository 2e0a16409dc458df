import net from 'node:net';
import { startAssembledServer, type AssembledServer } from '../support/assembled-server';

/** Sends raw bytes and returns everything the server answers before it closes (or 2 s pass). */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('request targets restify cannot parse', () => {
  let server: AssembledServer;
  beforeAll(async () => {
    server = await startAssembledServer();
  });
  afterAll(async () => server.close());

  it.each(['http://[', 'http://a:b@[::1/x', 'http://[::1/v3/directline/conversations'])(
    'answers GET %s with a JSON 400 and stays up (it ended the process)',
    async (target) => {
      const answer = await rawExchange(server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('"error":"bad_request"');
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    },
  );

  it('refuses a WebSocket upgrade to such a target with 400, not 500', async () => {
    const answer = await rawExchange(
      server.port,
      'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  });
});

describe('Host headers a client chooses', () => {
  let server: AssembledServer;
  beforeAll(async () => {
    server = await startAssembledServer();
  });
  afterAll(async () => server.close());

  it.each(['evïl.example', '[', 'a b', 'x:99999', 'a/b', 'evil.example'])(
    'never builds the stream URL from Host: %s (it gave 503, or copied it)',
    async (host) => {
      const issued = await fetch(`${server.base}/api/webchat/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"municipality":"boegely"}',
      });
      const { token } = (await issued.json()) as { token: string };
      const answer = await rawExchange(
        server.port,
        `POST /v3/directline/conversations HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      // Node itself refuses some of these heads (400), restify routes "a/b" into a path of its own (404);
      // the rest reach the channel.
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      expect([201, 400, 404]).toContain(status);
      if (status === 201)
        expect(answer).toContain(`"streamUrl":"ws://127.0.0.1:${server.port}/v3/directline/conversations/`);
    },
  );
});
