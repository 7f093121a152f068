// Salesforce record ids: 3-character key prefix, 2-character pod, 1 reserved character, a 9-character
// sequence (15 case-sensitive characters) plus a 3-character checksum that encodes the case of the first
// 15, which makes the 18-character form safe for case-insensitive systems.

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ALNUM = /^[a-zA-Z0-9]+$/;

export function checksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

export function to18(id15: string): string {
  return id15 + checksum(id15);
}

/**
 * The canonical 15-character form of a 15- or 18-character id, or undefined when the text is not a
 * valid id. An 18-character id must carry the checksum of its first 15 characters as written: Salesforce
 * answers MALFORMED_ID for "001900K0001pPuOAAU", whose suffix does not match.
 */
export function normalizeId(text: string): string | undefined {
  if ((text.length !== 15 && text.length !== 18) || !ALNUM.test(text)) return undefined;
  const id15 = text.slice(0, 15);
  if (text.length === 18 && checksum(id15) !== text.slice(15).toUpperCase()) return undefined;
  return id15;
}

/** The 18-character form of a valid id, or undefined. */
export function canonicalId(text: string): string | undefined {
  const id15 = normalizeId(text);
  return id15 === undefined ? undefined : to18(id15);
}

export function base62(n: number, width: number): string {
  let out = '';
  let v = Math.floor(n);
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0').slice(-width);
}

/** Mints ids for one org: a fixed pod per org and one sequence shared by every key prefix. */
export class IdGenerator {
  readonly pod: string;
  private sequence: number;

  constructor(pod: string, sequence = 0) {
    this.pod = pod;
    this.sequence = sequence;
  }

  next(keyPrefix: string): string {
    this.sequence += 1;
    return to18(`${keyPrefix}${this.pod}0${base62(this.sequence, 9)}`);
  }

  get position(): number {
    return this.sequence;
  }
}

/** Pods for new orgs: two base-62 characters that start with a digit and a capital, like "5g" or "Dn". */
export function podFor(orgNumber: number): string {
  const first = '123456789'[orgNumber % 9]!;
  const second = BASE62[10 + (Math.floor(orgNumber / 9) % 52)]!;
  return `${first}${second}`;
}
