import type { IncomingHttpHeaders } from 'node:http';
import { ConfigSchema } from '../../bot/runtime/config';
import { createClientAddress } from '../../bot/http/client-address';
import { TrustProxySchema, type TrustedProxies } from '../../bot/runtime/trust-proxy-setting';

function request(socketAddress: string | undefined, forwardedFor?: string | string[]) {
  const headers: IncomingHttpHeaders = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { socket: { remoteAddress: socketAddress }, headers };
}

function trust(value: string | undefined): TrustedProxies {
  return TrustProxySchema.parse(value);
}

describe('TRUST_PROXY', () => {
  it('reads unset, false and 0 as "trust no proxy", a number as hops, anything else as addresses and networks', () => {
    for (const off of [undefined, '', ' ', 'false', 'FALSE', '0']) expect(trust(off)).toEqual({ kind: 'none' });
    expect(trust('1')).toEqual({ kind: 'hops', hops: 1 });
    expect(trust(' 2 ')).toEqual({ kind: 'hops', hops: 2 });
    expect(trust('10.0.0.0/8, ::1,192.168.1.10 , fd00::/8')).toEqual({
      kind: 'addresses',
      entries: ['10.0.0.0/8', '::1', '192.168.1.10', 'fd00::/8'],
    });
  });

  it('refuses what it cannot read, naming it, so a typo stops the start instead of trusting everyone or no one', () => {
    for (const bad of [
      'true',
      'yes',
      '11',
      '-1',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.0/8/1',
      '10.0.0/8',
      '10.0.0.0/8,,::1',
      'proxy.internal',
      '1.5',
    ]) {
      const result = ConfigSchema.safeParse({ TRUST_PROXY: bad });
      expect([bad, result.success]).toEqual([bad, false]);
      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('TRUST_PROXY');
    }
    expect(ConfigSchema.parse({ TRUST_PROXY: '127.0.0.1' }).TRUST_PROXY).toEqual({
      kind: 'addresses',
      entries: ['127.0.0.1'],
    });
    expect(ConfigSchema.parse({}).TRUST_PROXY).toEqual({ kind: 'none' });
  });
});

describe('clientAddress', () => {
  it('without trusted proxies is the socket address, whatever X-Forwarded-For says', () => {
    const clientAddress = createClientAddress(trust(undefined));
    expect(clientAddress(request('203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(request('203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7');
    expect(clientAddress(request(undefined, '198.51.100.1'))).toBe('unknown');
  });

  it('writes an address one way: IPv4-mapped IPv6 as IPv4, IPv6 in canonical form', () => {
    const clientAddress = createClientAddress(trust(undefined));
    expect(clientAddress(request('::ffff:203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(request('2001:DB8:0:0::1'))).toBe('2001:db8::1');
  });

  it('with a hop count takes the entry that many hops from the right, counting the socket as the first', () => {
    const one = createClientAddress(trust('1'));
    expect(one(request('10.0.0.2', '203.0.113.7'))).toBe('203.0.113.7');
    // A client's own X-Forwarded-For is to the left of what our proxy appended: ignored.
    expect(one(request('10.0.0.2', '6.6.6.6, 203.0.113.7'))).toBe('203.0.113.7');
    expect(one(request('10.0.0.2'))).toBe('10.0.0.2');
    const two = createClientAddress(trust('2'));
    expect(two(request('10.0.0.2', '6.6.6.6, 203.0.113.7, 10.0.0.1'))).toBe('203.0.113.7');
    // Fewer entries than hops: the furthest there is.
    expect(two(request('10.0.0.2', '203.0.113.7'))).toBe('203.0.113.7');
    // Repeated headers, as Node joins them or as an array.
    expect(two(request('10.0.0.2', ['6.6.6.6', '203.0.113.7, 10.0.0.1']))).toBe('203.0.113.7');
  });

  it('with trusted addresses walks from the right past trusted proxies to the first untrusted address', () => {
    const clientAddress = createClientAddress(trust('10.0.0.0/8, fd00::/8, ::1'));
    expect(clientAddress(request('10.0.0.2', '203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(request('10.0.0.2', '6.6.6.6, 203.0.113.7, 10.1.2.3'))).toBe('203.0.113.7');
    expect(clientAddress(request('::1', '2001:db8::5, fd00::1'))).toBe('2001:db8::5');
    expect(clientAddress(request('::ffff:10.0.0.2', '203.0.113.7'))).toBe('203.0.113.7');
    // The peer is no proxy of ours: its header is not believed.
    expect(clientAddress(request('198.51.100.9', '203.0.113.7'))).toBe('198.51.100.9');
    // Everything is ours (a request from inside): the furthest.
    expect(clientAddress(request('10.0.0.2', '10.9.9.9, 10.0.0.1'))).toBe('10.9.9.9');
  });

  it('falls back to the socket address on a malformed or oversized header', () => {
    const hops = createClientAddress(trust('1'));
    const addresses = createClientAddress(trust('10.0.0.0/8'));
    const malformed = [
      'not-an-ip',
      '203.0.113.7:4711',
      '[2001:db8::1]:443',
      '203.0.113.7,',
      ' , ',
      `${'1.2.3.4, '.repeat(300)}5.6.7.8`,
      '203.0.113.7\u0000',
      '２０３.0.113.7',
    ];
    for (const header of malformed) {
      expect([header, hops(request('10.0.0.2', header))]).toEqual([header, '10.0.0.2']);
      expect([header, addresses(request('10.0.0.2', header))]).toEqual([header, '10.0.0.2']);
    }
    expect(hops(request('10.0.0.2', ''))).toBe('10.0.0.2');
    // Garbage to the left of what our proxy wrote is never reached.
    expect(addresses(request('10.0.0.2', 'garbage, 203.0.113.7'))).toBe('203.0.113.7');
  });
});
