// Salesforce record ids: 15-character case-sensitive form and 18-character form with a
// case-insensitive checksum suffix. Filters accept either form (and the model stores 18).

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function isIdShaped(value: string): boolean {
  return ID_SHAPE.test(value);
}

/** The 18-character form of a 15- or 18-character id (the suffix is recomputed, so its case never matters). */
export function to18(id: string): string {
  const base = id.slice(0, 15);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = base.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return base + suffix;
}

/** Compares a stored id (15 or 18 characters) with a literal's case-sensitive 15-character prefix. */
export function idEquals(stored: unknown, literal15: string): boolean {
  return typeof stored === 'string' && (stored.length === 18 || stored.length === 15) && stored.startsWith(literal15);
}

/** Key under which ids are grouped/compared: the case-sensitive 15-character prefix. */
export function idKey(id: string): string {
  return id.length > 15 ? id.slice(0, 15) : id;
}
