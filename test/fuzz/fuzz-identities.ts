import { z } from 'zod';

const TokenAnswerSchema = z.object({ token: z.string(), conversationId: z.string() });
const SignInAnswerSchema = z.object({ csrfToken: z.string() });

export interface Citizen {
  readonly token: string;
  readonly conversationId: string;
}

export interface StaffSession {
  /** `bsa_staff=<id>`, as the Cookie header sends it. */
  readonly cookie: string;
  readonly csrfToken: string;
}

/**
 * The valid credentials generated requests use, so that a share of them reaches past
 * authentication: widget conversations (a token each) and signed-in staff sessions.
 */
export class FuzzIdentities {
  private constructor(
    readonly base: string,
    private readonly citizens: Citizen[],
    private readonly staff: readonly StaffSession[],
  ) {}

  /** `slots` conversations, alternating between the demo municipalities, and the demo agent and admin signed in. */
  static async create(base: string, slots: number): Promise<FuzzIdentities> {
    const citizens: Citizen[] = [];
    for (let slot = 0; slot < slots; slot++)
      citizens.push(await startConversation(base, slot % 2 === 0 ? 'boegely' : 'havbakke'));
    const staff = [await signIn(base, 'anna', 'demo-anna'), await signIn(base, 'sofie', 'demo-sofie')];
    return new FuzzIdentities(base, citizens, staff);
  }

  citizen(slot: number): Citizen {
    return this.at(this.citizens, slot);
  }

  staffSession(slot: number): StaffSession {
    return this.at(this.staff, slot);
  }

  /** A fuzzed request deleted this slot's conversation: later ones get a fresh one. */
  async replaceCitizen(slot: number): Promise<void> {
    this.citizens[slot % this.citizens.length] = await startConversation(this.base, 'boegely');
  }

  private at<T>(list: readonly T[], slot: number): T {
    const found = list[slot % list.length];
    if (found === undefined) throw new Error('no identities');
    return found;
  }
}

/** A conversation as the widget starts it: a token, then Direct Line's start (which sends the greeting). */
export async function startConversation(base: string, municipality: string): Promise<Citizen> {
  const answer = await fetch(`${base}/api/webchat/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality }),
  });
  if (answer.status !== 200) throw new Error(`token: ${answer.status} ${await answer.text()}`);
  const citizen = TokenAnswerSchema.parse(await answer.json());
  const started = await fetch(`${base}/v3/directline/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${citizen.token}` },
  });
  if (started.status !== 201) throw new Error(`start conversation: ${started.status} ${await started.text()}`);
  return citizen;
}

async function signIn(base: string, username: string, password: string): Promise<StaffSession> {
  const answer = await fetch(`${base}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (answer.status !== 200) throw new Error(`sign-in as ${username}: ${answer.status} ${await answer.text()}`);
  const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrfToken: SignInAnswerSchema.parse(await answer.json()).csrfToken };
}
