/** The staff API as the console uses it: a session cookie and the CSRF token, from Node. */
export class StaffClient {
  private cookie = '';
  csrfToken = '';

  constructor(readonly base: string) {}

  async signIn(username: string, password: string): Promise<void> {
    const response = await fetch(`${this.base}/api/staff/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** The session cookie, for requests to other staff APIs (the studio's, the insight API). */
  get cookieHeader(): string {
    return this.cookie;
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.base}/api/staff${path}`, { headers: { cookie: this.cookie } });
  }

  post(path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.base}/api/staff${path}`, {
      method: 'POST',
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /**
   * Opens the console's event stream, as a signed-in console does: it keeps the agent on duty (an
   * agent without one loses their conversations to the queue at the next sweep). Returns its closer.
   */
  async openConsole(): Promise<() => void> {
    const aborter = new AbortController();
    const response = await fetch(`${this.base}/api/staff/events`, {
      headers: { cookie: this.cookie },
      signal: aborter.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`events: ${response.status}`);
    // Read and dropped, so the server's writes never back up.
    const reader = response.body.getReader();
    const drain = async (): Promise<void> => {
      for (;;) if ((await reader.read()).done) return;
    };
    // Closing aborts the read (an AbortError): the expected end, not a failure.
    drain().catch(() => undefined);
    return () => aborter.abort();
  }

  async state(): Promise<{
    queue: { conversationId: string; position: number; returned: boolean }[];
    left: { reason: string; municipality: { id: string; name: string }; waitedSeconds: number }[];
    mine: { conversationId: string }[];
  }> {
    const response = await this.get('/state');
    if (response.status !== 200) throw new Error(`state: ${response.status} ${await response.text()}`);
    return (await response.json()) as never;
  }
}
