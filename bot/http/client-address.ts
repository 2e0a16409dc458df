import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP, SocketAddress } from 'node:net';
import type { TrustedProxies } from '../runtime/trust-proxy-setting';

/** Node caps all headers at 16 KB anyway; a longer X-Forwarded-For is abuse, not a proxy chain. */
const MAX_FORWARDED_LENGTH = 2048;

export interface AddressedRequest {
  readonly socket: { readonly remoteAddress?: string | undefined };
  readonly headers: IncomingHttpHeaders;
}

/** The address a request comes from, for counting it in a rate limit. */
export type ClientAddress = (req: AddressedRequest) => string;

/**
 * The client's address as every limiter counts it. X-Forwarded-For is read only when proxies are
 * trusted, and only as far as it was written by trusted proxies: read from the right, the first
 * address a trusted proxy vouches for that is not itself a trusted proxy is the client. Anything
 * the client wrote further left is ignored, and a malformed header falls back to the socket's
 * peer (the proxy), which counts all its traffic together rather than trusting a forgery.
 */
export function createClientAddress(trust: TrustedProxies): ClientAddress {
  if (trust.kind === 'none') return (req) => socketAddressOf(req);
  const trusted = trust.kind === 'addresses' ? blockListOf(trust.entries) : undefined;
  return (req) => {
    const socketAddress = socketAddressOf(req);
    const forwarded = forwardedFor(req.headers);
    if (!forwarded) return socketAddress;
    // Nearest last: each proxy appends the address it was connected from.
    const chain = [...forwarded, socketAddress];
    if (trust.kind === 'hops') {
      // The socket's peer and the next hops - 1 entries are our proxies; the entry before them is
      // the client. Fewer entries than hops: the furthest one there is.
      const clientIndex = Math.max(0, chain.length - 1 - trust.hops);
      let client = socketAddress;
      for (let i = chain.length - 1; i >= clientIndex; i -= 1) {
        const address = canonical(chain[i]);
        if (!address) return socketAddress;
        client = address;
      }
      return client;
    }
    for (let i = chain.length - 1; i >= 0; i -= 1) {
      const address = canonical(chain[i]);
      if (!address) return socketAddress;
      if (!isTrusted(trusted, address)) return address;
    }
    // Every hop is one of ours (a request from inside): the furthest is the client.
    return canonical(chain[0]) ?? socketAddress;
  };
}

function socketAddressOf(req: AddressedRequest): string {
  // A socket that has already closed has no address; such requests are counted together.
  return canonical(req.socket.remoteAddress) ?? 'unknown';
}

/** The header's entries, or undefined when it is absent or too long to be a proxy chain. */
function forwardedFor(headers: IncomingHttpHeaders): string[] | undefined {
  const header = headers['x-forwarded-for'];
  // Node joins repeated X-Forwarded-For headers with ", "; an array only comes from hand-made headers.
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text === undefined || text.trim() === '' || text.length > MAX_FORWARDED_LENGTH) return undefined;
  return text.split(',').map((entry) => entry.trim());
}

/**
 * One spelling per address, so a counter cannot be dodged by writing it differently: IPv6 in
 * Node's canonical form, and an IPv4-mapped IPv6 address (a dual-stack socket) as plain IPv4.
 */
function canonical(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return undefined;
  const text = new SocketAddress({ address, family: 'ipv6' }).address;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)?.[1];
  return mapped !== undefined && isIP(mapped) === 4 ? mapped : text;
}

function isTrusted(list: BlockList | undefined, address: string): boolean {
  return list?.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4') ?? false;
}

function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}
