import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which proxies in front of the assistant may say who the client is (TRUST_PROXY): none (the
 * socket's peer is the client), a number of hops, or the proxies' own addresses and networks.
 */
export type TrustedProxies =
  | { readonly kind: 'none' }
  | { readonly kind: 'hops'; readonly hops: number }
  | { readonly kind: 'addresses'; readonly entries: readonly string[] };

/** More proxies than this in a row is a misreading of the setting, not a deployment. */
const MAX_HOPS = 10;
/**
 * TRUST_PROXY: unset or `false`; a hop count (`1`); or addresses and CIDR networks, IPv4 or IPv6,
 * separated by commas (`10.0.0.0/8, ::1`). Anything else stops the start with a message.
 */
export const TrustProxySchema = z
  .string()
  .optional()
  .transform((value, ctx): TrustedProxies => {
    const text = value?.trim() ?? '';
    if (text === '' || text.toLowerCase() === 'false' || text === '0') return { kind: 'none' };
    if (/^\d+$/.test(text)) {
      const hops = Number(text);
      if (hops <= MAX_HOPS) return { kind: 'hops', hops };
      ctx.addIssue({ code: 'custom', message: `a hop count must be at most ${MAX_HOPS}, not ${text}` });
      return z.NEVER;
    }
    const entries = text.split(',').map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !isAddressOrNetwork(entry));
    if (invalid.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be false, a hop count (1, 2) or comma-separated addresses/CIDR networks (10.0.0.0/8, ::1); not understood: ${invalid.map((e) => JSON.stringify(e)).join(', ')}`,
      });
      return z.NEVER;
    }
    return { kind: 'addresses', entries };
  });

/** What clientAddress reads of a request (an http.IncomingMessage, so a restify Request too). */

function isAddressOrNetwork(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
