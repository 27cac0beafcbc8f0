import ipaddr from 'ipaddr.js';

/**
 * What kind of destination an IP address is. Everything except `public` is refused
 * unless the platform sets `allowPrivateNetwork`.
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'cgnat'
  | 'unique-local'
  | 'unspecified'
  | 'broadcast'
  | 'multicast'
  | 'benchmarking'
  | 'documentation'
  | 'reserved'
  | 'invalid';

type RangeTable = Record<string, Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>>;

function ranges(cidrs: string[]): Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> {
  return cidrs.map((cidr) => ipaddr.parseCIDR(cidr));
}

// Order matters: subnetMatch returns the first entry that contains the address, so
// the cloud metadata hosts come before the link-local block that holds most of them.
const IPV4_RANGES: RangeTable = {
  metadata: ranges(['169.254.169.254/32', '169.254.170.2/32', '100.100.100.200/32']),
  unspecified: ranges(['0.0.0.0/8']),
  broadcast: ranges(['255.255.255.255/32']),
  loopback: ranges(['127.0.0.0/8']),
  private: ranges(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']),
  'link-local': ranges(['169.254.0.0/16']),
  cgnat: ranges(['100.64.0.0/10']),
  multicast: ranges(['224.0.0.0/4']),
  benchmarking: ranges(['198.18.0.0/15']),
  documentation: ranges(['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24']),
  // 192.0.0.0/24: IETF protocol assignments; 192.88.99.0/24: retired 6to4 relay anycast.
  reserved: ranges(['192.0.0.0/24', '192.88.99.0/24', '240.0.0.0/4']),
};

const IPV6_RANGES: RangeTable = {
  metadata: ranges(['fd00:ec2::254/128']),
  unspecified: ranges(['::/128']),
  loopback: ranges(['::1/128']),
  'link-local': ranges(['fe80::/10']),
  'unique-local': ranges(['fc00::/7']),
  multicast: ranges(['ff00::/8']),
  benchmarking: ranges(['2001:2::/48']),
  documentation: ranges(['2001:db8::/32', '3fff::/20']),
};

// Checked after the embedded-IPv4 forms, since Teredo (2001::/32) sits inside 2001::/23.
// Discard-only, retired site-local, IETF protocol assignments, segment routing SIDs.
const IPV6_RESERVED: RangeTable = { reserved: ranges(['100::/64', 'fec0::/10', '2001::/23', '5f00::/16']) };

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/** Addresses that carry an IPv4 address inside an IPv6 one, and where it sits. */
interface Embedding {
  range: [ipaddr.IPv6, number];
  extract: (words: number[]) => number[][];
  /** Class when every embedded IPv4 is public. */
  otherwise: AddressClass;
}

const EMBEDDING: readonly Embedding[] = [
  // IPv4-mapped ::ffff:a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d, IPv4-compatible ::a.b.c.d.
  { range: cidr6('::ffff:0:0/96'), extract: (w) => [v4(w[6], w[7])], otherwise: 'public' },
  { range: cidr6('::ffff:0:0:0/96'), extract: (w) => [v4(w[6], w[7])], otherwise: 'public' },
  { range: cidr6('::/96'), extract: (w) => [v4(w[6], w[7])], otherwise: 'public' },
  // NAT64 well-known prefix (RFC 6052) and local-use prefix (RFC 8215, /96 layout assumed).
  { range: cidr6('64:ff9b::/96'), extract: (w) => [v4(w[6], w[7])], otherwise: 'public' },
  // The local-use prefix only routes inside an operator's own network.
  { range: cidr6('64:ff9b:1::/48'), extract: (w) => [v4(w[6], w[7])], otherwise: 'private' },
  // 6to4 2002:AABB:CCDD::/48 carries the router's IPv4.
  { range: cidr6('2002::/16'), extract: (w) => [v4(w[1], w[2])], otherwise: 'public' },
  // Teredo: server IPv4 in words 2-3, client IPv4 obfuscated (bit-inverted) in words 6-7.
  { range: cidr6('2001::/32'), extract: (w) => [v4(w[2], w[3]), v4(~w[6] & 0xffff, ~w[7] & 0xffff)], otherwise: 'public' },
];

function cidr6(cidr: string): [ipaddr.IPv6, number] {
  return ipaddr.parseCIDR(cidr) as [ipaddr.IPv6, number];
}

function v4(high: number, low: number): number[] {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

/**
 * Classifies an IP address literal. Accepts every spelling that resolvers and URL
 * parsers accept for IPv4 (`2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`), IPv6
 * with or without brackets and zone id (`[fe80::1%eth0]`), and classifies the IPv4
 * address embedded in mapped, compatible, NAT64, 6to4 and Teredo forms. Anything
 * that is not an IP address is `invalid`.
 *
 * @example classifyAddress('::ffff:127.0.0.1') // 'loopback'
 */
export function classifyAddress(ip: string): AddressClass {
  const text = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(text);
  } catch {
    return 'invalid';
  }
  return parsed.kind() === 'ipv4' ? classifyV4(parsed as ipaddr.IPv4) : classifyV6(parsed as ipaddr.IPv6);
}

/** True only for public unicast addresses: the only destinations allowed by default. */
export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip) === 'public';
}

function classifyV4(address: ipaddr.IPv4): AddressClass {
  return ipaddr.subnetMatch(address, IPV4_RANGES, 'public') as AddressClass;
}

function classifyV6(address: ipaddr.IPv6): AddressClass {
  const own = ipaddr.subnetMatch(address, IPV6_RANGES, 'none') as AddressClass | 'none';
  if (own !== 'none') return own;
  for (const { range, extract, otherwise } of EMBEDDING) {
    if (!address.match(range)) continue;
    for (const octets of extract(address.parts)) {
      const inner = classifyV4(new ipaddr.IPv4(octets));
      if (inner !== 'public') return inner;
    }
    return otherwise;
  }
  if (ipaddr.subnetMatch(address, IPV6_RESERVED, 'none') === 'reserved') return 'reserved';
  // Outside 2000::/3 nothing is assigned as global unicast.
  return address.match(GLOBAL_UNICAST_V6) ? 'public' : 'reserved';
}
