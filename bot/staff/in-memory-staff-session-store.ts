import {
  checkLifetimes,
  isSessionId,
  newStaffSession,
  secondsLeft,
  touched,
  type StaffSession,
  type StaffSessionLifetimes,
  type StaffSessionStore,
} from './staff-session-store';

export type InMemoryStaffSessionStoreOptions = StaffSessionLifetimes;

/**
 * Sessions in this process's memory: for one instance (a restart signs everyone out). Expired
 * sessions are dropped when read and on every sign-in, so memory stays bounded without a timer.
 */
export class InMemoryStaffSessionStore implements StaffSessionStore {
  private readonly sessions = new Map<string, StaffSession>();
  private readonly lifetimes: StaffSessionLifetimes;

  constructor(options: InMemoryStaffSessionStoreOptions) {
    checkLifetimes(options);
    this.lifetimes = { idleSeconds: options.idleSeconds, absoluteSeconds: options.absoluteSeconds };
  }

  async create(agentId: string, now: Date): Promise<StaffSession> {
    this.sweep(now);
    const session = newStaffSession(agentId, now);
    this.sessions.set(session.id, session);
    // Copies out, so a caller changing its object cannot change the stored session.
    return { ...session };
  }

  async get(id: string, now: Date): Promise<StaffSession | undefined> {
    if (!isSessionId(id)) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (secondsLeft(session, now, this.lifetimes) <= 0) {
      this.sessions.delete(id);
      return undefined;
    }
    const seen = touched(session, now);
    this.sessions.set(id, seen);
    return { ...seen };
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  async deleteAllOf(agentId: string): Promise<void> {
    for (const [id, session] of this.sessions) if (session.agentId === agentId) this.sessions.delete(id);
  }

  async close(): Promise<void> {
    this.sessions.clear();
  }

  /** Staff are few and sign in rarely, so a full pass per sign-in is cheap. */
  private sweep(now: Date): void {
    for (const [id, session] of this.sessions)
      if (secondsLeft(session, now, this.lifetimes) <= 0) this.sessions.delete(id);
  }
}
