import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';

// Where Salesforce lives. Login hosts, My Domains and instance URLs must be under one of these,
// unless a host is explicitly allowed by configuration (the embedded emulator).
const SALESFORCE_SUFFIXES = [
  '.salesforce.com',
  '.force.com',
  '.salesforce.mil',
  '.cloudforce.com',
  '.sfcrmproducts.cn',
  '.salesforce-setup.com',
];

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4 address in disguise. (BlockList would match a
  // ::ffff:0:0/96 rule against every IPv4 address, so mapped addresses are unwrapped instead.)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class SsrfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsrfError';
  }
}

/**
 * Decides which URLs the engine may call on a customer's behalf. Allowed hosts ("host:port") are
 * exempt — http and loopback included — and exist for the emulator; everything else must be https,
 * on a Salesforce domain, and resolve to public addresses (checked again at connect time, so DNS
 * rebinding cannot slip a private address in after the check).
 */
export class SsrfGuard {
  readonly #allowed: ReadonlySet<string>;

  constructor(allowedHosts: readonly string[]) {
    this.#allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  }

  isAllowedHost(host: string): boolean {
    return this.#allowed.has(host.toLowerCase());
  }

  /** Throws unless the URL is one we may call; returns its normalised origin. */
  check(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new SsrfError('not a valid URL');
    }
    if (url.username || url.password) throw new SsrfError('URLs with credentials are not allowed');
    if (this.isAllowedHost(url.host)) return url;
    if (url.protocol !== 'https:') throw new SsrfError(`only https is allowed (got ${url.protocol.replace(':', '')})`);
    const host = url.hostname.toLowerCase();
    if (isIP(host.replace(/^\[|\]$/g, '')))
      throw new SsrfError('IP addresses are not allowed; use the Salesforce host name');
    if (!SALESFORCE_SUFFIXES.some((s) => host.endsWith(s))) throw new SsrfError(`${host} is not a Salesforce domain`);
    return url;
  }

  /** An HTTP agent whose DNS answers are checked before connecting. */
  agent(): Agent {
    const allowed = this.#allowed;
    return new Agent({
      connect: {
        lookup(hostname, options, callback) {
          dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
            if (err) return callback(err, '', 0);
            const list = addresses as LookupAddress[];
            const host = hostname.toLowerCase();
            const exempt = [...allowed].some((h) => h === host || h.startsWith(`${host}:`));
            const bad = list.find((a) => isPrivateAddress(a.address));
            if (bad && !exempt) return callback(new SsrfError(`${hostname} resolves to a private address`), '', 0);
            const first = list[0]!;
            if ((options as { all?: boolean }).all)
              return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
            callback(null, first.address, first.family);
          });
        },
      },
      headersTimeout: 120_000,
      bodyTimeout: 120_000,
    });
  }
}
