import type { AddressInfo } from 'node:net';

/** The settings that say where our own pages are served. */
export interface OwnOriginSettings {
  /** e.g. "https://chat.kommune.dk"; when set, it is our only origin. */
  readonly PUBLIC_BASE_URL?: string | undefined;
  readonly HOST: string;
  readonly PORT: number;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The origins of this server's own pages (the demo site, the staff console), decided from the
 * configuration and the address the server actually listens on, never from request headers:
 * a client chooses its Host header, so `Origin: http://evil.example` with `Host: evil.example`
 * would otherwise pass as "same origin".
 *
 * With PUBLIC_BASE_URL that is the only origin. Without it (the one-command demo) it is the
 * listening address under its loopback names; HOST=0.0.0.0 without PUBLIC_BASE_URL trusts the
 * loopback names only, since the names other machines use cannot be known.
 */
export class OwnOrigins {
  private readonly origins = new Set<string>();

  constructor(private readonly settings: OwnOriginSettings) {
    if (settings.PUBLIC_BASE_URL) this.origins.add(new URL(settings.PUBLIC_BASE_URL).origin);
    else if (settings.PORT !== 0) this.addListeningPort(settings.PORT);
  }

  /** Trusts no origin (until a server hands over its own). */
  static none(): OwnOrigins {
    return new OwnOrigins({ HOST: '127.0.0.1', PORT: 0 });
  }

  /** True when `origin` (already normalised, e.g. by requestOrigin) is one of ours. */
  has(origin: string): boolean {
    return this.origins.has(origin);
  }

  /** Our origins, for CSP and documentation. */
  list(): string[] {
    return [...this.origins];
  }

  /**
   * Learns the port the server really listens on (PORT=0 in tests picks a free one). Call it from
   * the server's 'listening' event; ignored when PUBLIC_BASE_URL names the origin.
   */
  learnListeningAddress(address: AddressInfo | string | null): void {
    if (this.settings.PUBLIC_BASE_URL || address === null || typeof address === 'string') return;
    // The port actually bound replaces the configured one (they differ when PORT=0 or the server was told another).
    this.origins.clear();
    this.addListeningPort(address.port);
  }

  private addListeningPort(port: number): void {
    const host = this.settings.HOST;
    const names =
      ALL_INTERFACES.has(host) || LOOPBACK_NAMES.includes(host) || host === '::1'
        ? LOOPBACK_NAMES
        : [host.includes(':') ? `[${host}]` : host];
    for (const name of names) {
      // An unparseable HOST cannot be listened on either; it simply adds no origin.
      const origin = originOf(`http://${name}:${port}`);
      if (origin) this.origins.add(origin);
    }
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    // Not a URL: no origin to trust.
    return undefined;
  }
}
