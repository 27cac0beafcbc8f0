import { describe, expect, it } from 'vitest';
import { classifyAddress, isPublicAddress } from '../../src/index.js';

// Cases the unit table (test/unit/address.test.ts) does not hold yet. Pure function: no network.
const cases: Array<{ input: string; expected: string }> = [
  // IPv4 spellings as inet_aton / WHATWG URL accept them
  { input: '017700000001', expected: 'loopback' },
  { input: '0x7F000001', expected: 'loopback' },
  { input: '0x7f.0.0.1', expected: 'loopback' },
  { input: '127.0.1', expected: 'loopback' },
  { input: '0177.1', expected: 'loopback' },
  { input: '0x0', expected: 'unspecified' },
  { input: '000.000.000.000', expected: 'unspecified' },
  { input: '2852039166', expected: 'metadata' },
  { input: '0xa9fea9fe', expected: 'metadata' },
  { input: '0251.0376.0251.0376', expected: 'metadata' },
  // boundaries of the special ranges
  { input: '100.63.255.255', expected: 'public' },
  { input: '100.64.0.0', expected: 'cgnat' },
  { input: '198.17.255.255', expected: 'public' },
  { input: '198.20.0.0', expected: 'public' },
  { input: '223.255.255.255', expected: 'public' },
  { input: '224.0.0.0', expected: 'multicast' },
  { input: '239.255.255.255', expected: 'multicast' },
  { input: '240.0.0.0', expected: 'reserved' },
  { input: '255.255.255.254', expected: 'reserved' },
  { input: '192.0.0.170', expected: 'reserved' },
  // IPv6 spellings, zone ids, brackets
  { input: '0:0:0:0:0:0:0:1', expected: 'loopback' },
  { input: '[0:0:0:0:0:ffff:7f00:1]', expected: 'loopback' },
  { input: '::ffff:127.0.0.1%eth0', expected: 'loopback' },
  { input: 'fe80::1%25eth0', expected: 'link-local' },
  { input: '[fd00:ec2::254]', expected: 'metadata' },
  { input: 'fd00:ec2:0:0:0:0:0:254', expected: 'metadata' },
  { input: 'FD00:EC2::254', expected: 'metadata' },
  { input: 'ff05::2', expected: 'multicast' },
  { input: 'ff02::1%eth0', expected: 'multicast' },
  // embedded IPv4 of every kind, carrying each special class
  { input: '::ffff:a9fe:a9fe', expected: 'metadata' },
  { input: '::ffff:100.64.0.1', expected: 'cgnat' },
  { input: '::ffff:224.0.0.1', expected: 'multicast' },
  { input: '::ffff:255.255.255.255', expected: 'broadcast' },
  { input: '::ffff:0.0.0.0', expected: 'unspecified' },
  { input: '::169.254.169.254', expected: 'metadata' },
  { input: '::10.0.0.1', expected: 'private' },
  { input: '64:ff9b::ffff:ffff', expected: 'broadcast' },
  { input: '64:ff9b::0.0.0.0', expected: 'unspecified' },
  { input: '64:ff9b::198.18.0.1', expected: 'benchmarking' },
  { input: '2002:a9fe:a9fe::1', expected: 'metadata' },
  { input: '2002:6440:1::1', expected: 'cgnat' },
  { input: '2002:e000:1::1', expected: 'multicast' },
  // Teredo: client 127.0.0.1 is stored bit-inverted (80ff:fffe); server 169.254.169.254 in the clear
  { input: '2001:0:808:808:0:0:80ff:fffe', expected: 'loopback' },
  { input: '2001:0:a9fe:a9fe::1', expected: 'metadata' },
  // reserved IPv6 blocks
  { input: '2001:10::1', expected: 'reserved' },
  { input: '2001:20::1', expected: 'reserved' },
  { input: '::2', expected: 'unspecified' }, // IPv4-compatible ::0.0.0.2
  // not addresses at all: never public
  { input: '127.0.0.1.', expected: 'invalid' },
  { input: ' 127.0.0.1', expected: 'invalid' },
  { input: '127.0.0.1/8', expected: 'invalid' },
  { input: 'http://127.0.0.1', expected: 'invalid' },
  { input: '[127.0.0.1]', expected: 'loopback' }, // brackets stripped; still refused
];

describe('address classifier: extra table', () => {
  it.each(cases)('classifies $input as $expected', ({ input, expected }) => {
    expect(classifyAddress(input)).toBe(expected);
  });
  it.each(cases)('$input is public only if classified public', ({ input, expected }) => {
    expect(isPublicAddress(input)).toBe(expected === 'public');
  });
});
