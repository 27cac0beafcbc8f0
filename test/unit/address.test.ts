import { describe, expect, it } from 'vitest';
import { classifyAddress, isPublicAddress, type AddressClass } from '../../src/address.js';

// Pure function only: nothing here opens a socket.
const cases: Array<{ input: string; expected: AddressClass }> = [
  // IPv4 loopback in every spelling resolvers accept
  { input: '127.0.0.1', expected: 'loopback' },
  { input: '127.255.255.254', expected: 'loopback' },
  { input: '2130706433', expected: 'loopback' },
  { input: '0x7f000001', expected: 'loopback' },
  { input: '0177.0.0.1', expected: 'loopback' },
  { input: '127.1', expected: 'loopback' },
  { input: '0x7f.1', expected: 'loopback' },
  // RFC 1918
  { input: '10.0.0.1', expected: 'private' },
  { input: '172.16.0.1', expected: 'private' },
  { input: '172.31.255.255', expected: 'private' },
  { input: '192.168.1.1', expected: 'private' },
  { input: '3232235777', expected: 'private' },
  // neighbours of RFC 1918 are public
  { input: '172.15.255.255', expected: 'public' },
  { input: '172.32.0.0', expected: 'public' },
  { input: '11.0.0.1', expected: 'public' },
  // link-local and metadata
  { input: '169.254.1.1', expected: 'link-local' },
  { input: '169.254.169.254', expected: 'metadata' },
  { input: '169.254.170.2', expected: 'metadata' },
  { input: '100.100.100.200', expected: 'metadata' },
  { input: 'fe80::1', expected: 'link-local' },
  { input: 'fe80::1%eth0', expected: 'link-local' },
  { input: '[fe80::1%25eth0]', expected: 'link-local' },
  { input: 'fd00:ec2::254', expected: 'metadata' },
  { input: '::ffff:169.254.169.254', expected: 'metadata' },
  // CGNAT, unique local
  { input: '100.64.0.1', expected: 'cgnat' },
  { input: '100.127.255.255', expected: 'cgnat' },
  { input: '100.128.0.0', expected: 'public' },
  { input: 'fc00::1', expected: 'unique-local' },
  { input: 'fd12:3456::1', expected: 'unique-local' },
  // unspecified, broadcast, multicast
  { input: '0.0.0.0', expected: 'unspecified' },
  { input: '0.1.2.3', expected: 'unspecified' },
  { input: '0', expected: 'unspecified' },
  { input: '::', expected: 'unspecified' },
  { input: '255.255.255.255', expected: 'broadcast' },
  { input: '224.0.0.1', expected: 'multicast' },
  { input: '239.255.255.250', expected: 'multicast' },
  { input: 'ff02::1', expected: 'multicast' },
  // benchmarking, documentation, reserved
  { input: '198.18.0.1', expected: 'benchmarking' },
  { input: '198.19.255.255', expected: 'benchmarking' },
  { input: '2001:2::1', expected: 'benchmarking' },
  { input: '192.0.2.10', expected: 'documentation' },
  { input: '198.51.100.7', expected: 'documentation' },
  { input: '203.0.113.9', expected: 'documentation' },
  { input: '2001:db8::1', expected: 'documentation' },
  { input: '240.0.0.1', expected: 'reserved' },
  { input: '192.0.0.8', expected: 'reserved' },
  { input: '192.88.99.1', expected: 'reserved' },
  { input: 'fec0::1', expected: 'reserved' },
  { input: '100::1', expected: 'reserved' },
  { input: '4000::1', expected: 'reserved' },
  // IPv6 loopback and IPv4 embedded in IPv6
  { input: '::1', expected: 'loopback' },
  { input: '[::1]', expected: 'loopback' },
  { input: '::ffff:127.0.0.1', expected: 'loopback' },
  { input: '[::ffff:7f00:1]', expected: 'loopback' },
  { input: '::ffff:10.0.0.1', expected: 'private' },
  { input: '::127.0.0.1', expected: 'loopback' },
  { input: '::7f00:1', expected: 'loopback' },
  { input: '::ffff:0:127.0.0.1', expected: 'loopback' },
  { input: '::ffff:8.8.8.8', expected: 'public' },
  { input: '64:ff9b::127.0.0.1', expected: 'loopback' },
  { input: '64:ff9b::a9fe:a9fe', expected: 'metadata' },
  { input: '64:ff9b::10.1.2.3', expected: 'private' },
  { input: '64:ff9b::8.8.8.8', expected: 'public' },
  { input: '64:ff9b:1::192.168.0.1', expected: 'private' },
  { input: '64:ff9b:1::8.8.8.8', expected: 'private' },
  // 6to4 2002:AABB:CCDD:: and Teredo (client bit-inverted)
  { input: '2002:7f00:1::1', expected: 'loopback' },
  { input: '2002:c0a8:101::1', expected: 'private' },
  { input: '2002:808:808::1', expected: 'public' },
  { input: '2001:0:4136:e378:8000:63bf:80ff:fffe', expected: 'loopback' },
  { input: '2001:0:a00:1::1', expected: 'private' },
  { input: '2001:0:4136:e378:8000:63bf:3fff:fdd2', expected: 'documentation' },
  { input: '2001:0:4136:e378:8000:63bf:f7f7:f7f7', expected: 'public' },
  // public unicast
  { input: '8.8.8.8', expected: 'public' },
  { input: '1.1.1.1', expected: 'public' },
  { input: '93.184.216.34', expected: 'public' },
  { input: '2606:4700:4700::1111', expected: 'public' },
  { input: '2a00:1450:4001:81b::200e', expected: 'public' },
  // not an address
  { input: '', expected: 'invalid' },
  { input: 'localhost', expected: 'invalid' },
  { input: 'crm.example.com', expected: 'invalid' },
  { input: '256.1.1.1', expected: 'invalid' },
  { input: '08.1.1.1', expected: 'invalid' },
  { input: '4294967296', expected: 'invalid' },
  { input: '1.2.3.4.5', expected: 'invalid' },
  { input: ':::1', expected: 'invalid' },
];

describe('classifyAddress', () => {
  it.each(cases)('classifies $input as $expected', ({ input, expected }) => {
    expect(classifyAddress(input)).toBe(expected);
  });

  it.each(cases)('allows $input only when it is public unicast', ({ input, expected }) => {
    expect(isPublicAddress(input)).toBe(expected === 'public');
  });
});
