import type { Request } from 'restify';
import { OwnOrigins } from '../../bot/http/own-origins';
import { HttpError } from '../../bot/http/http-error';
import { StaffAuth } from '../../bot/staff/staff-auth';
import { StaffDirectory } from '../../bot/staff/staff-directory';
import type { StaffSessionStore } from '../../bot/staff/staff-session-store';

describe('OwnOrigins', () => {
  it('is the configured loopback address under its loopback names when PUBLIC_BASE_URL is unset', () => {
    const own = new OwnOrigins({ HOST: '127.0.0.1', PORT: 3978 });
    expect(own.list().sort()).toEqual(['http://127.0.0.1:3978', 'http://[::1]:3978', 'http://localhost:3978']);
    expect(own.has('http://127.0.0.1:3979')).toBe(false);
    expect(own.has('https://127.0.0.1:3978')).toBe(false);
  });

  it('learns the port it really listens on (PORT=0 picks a free one)', () => {
    const own = new OwnOrigins({ HOST: '127.0.0.1', PORT: 0 });
    expect(own.list()).toEqual([]);
    own.learnListeningAddress({ address: '127.0.0.1', family: 'IPv4', port: 41234 });
    expect(own.has('http://127.0.0.1:41234')).toBe(true);
    expect(own.has('http://localhost:41234')).toBe(true);
  });

  it('trusts a specific interface by its address, and only loopback names when listening on all interfaces', () => {
    expect(new OwnOrigins({ HOST: '10.0.0.5', PORT: 8080 }).list()).toEqual(['http://10.0.0.5:8080']);
    const all = new OwnOrigins({ HOST: '0.0.0.0', PORT: 8080 });
    expect(all.has('http://0.0.0.0:8080')).toBe(false);
    expect(all.has('http://localhost:8080')).toBe(true);
  });

  it('is PUBLIC_BASE_URL alone when that is set, and the listening address adds nothing', () => {
    const own = new OwnOrigins({
      PUBLIC_BASE_URL: 'https://chat.kommune.example/assistent/',
      HOST: '0.0.0.0',
      PORT: 3978,
    });
    own.learnListeningAddress({ address: '0.0.0.0', family: 'IPv4', port: 3978 });
    expect(own.list()).toEqual(['https://chat.kommune.example']);
  });

  it('trusts nobody when made with none()', () => {
    expect(OwnOrigins.none().list()).toEqual([]);
  });
});

describe('the staff console CSRF origin check', () => {
  const auth = new StaffAuth(
    {} as StaffSessionStore,
    new StaffDirectory({ accounts: [], cannedReplies: [] }),
    () => false,
    new OwnOrigins({ HOST: '127.0.0.1', PORT: 3978 }),
  );
  const requestWith = (headers: Record<string, string>) => ({ headers }) as unknown as Request;

  it('refuses a forged Host and Origin pair, and accepts our own origin or none', () => {
    expect(() => auth.requireOwnOrigin(requestWith({ origin: 'http://evil.example', host: 'evil.example' }))).toThrow(
      HttpError,
    );
    expect(() =>
      auth.requireOwnOrigin(requestWith({ origin: 'http://127.0.0.1:3978', host: 'evil.example' })),
    ).not.toThrow();
    expect(() => auth.requireOwnOrigin(requestWith({ host: '127.0.0.1:3978' }))).not.toThrow();
  });
});
