// JSON request bodies, read the way Salesforce's (Jackson-based) reader reports problems:
// "Unexpected character ('x' (code 120)): … at [line:1, column:2]", and deserialisation errors that
// point at the offending value. Valid bodies go through JSON.parse; the slow scanner below only runs
// to explain a failure or to locate a value.
import { ApiError } from '../model/errors.ts';
import type { Locator } from '../model/value-coercion.ts';

interface Pos {
  line: number;
  column: number;
}

class Scanner {
  i = 0;
  line = 1;
  lineStart = 0;
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  pos(at = this.i): Pos {
    return { line: this.line, column: at - this.lineStart + 1 };
  }
  ws(): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === '\n') {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else return;
    }
  }
  fail(expectation: string): never {
    const c = this.text[this.i];
    const where = ` at [line:${this.line}, column:${this.i - this.lineStart + 1}]`;
    if (c === undefined)
      throw new ApiError(400, 'JSON_PARSER_ERROR', `Unexpected end-of-input: ${expectation}${where}`);
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      `Unexpected character ('${c}' (code ${c.charCodeAt(0)})): ${expectation}${where}`,
    );
  }
  /** Scans one value; `visit` sees each object key's value position when `track` asks for it. */
  value(path: Array<string | number>, target?: Array<string | number>, found?: { pos?: Pos }): void {
    this.ws();
    const c = this.text[this.i];
    if (c === '{') return this.object(path, target, found);
    if (c === '[') return this.array(path, target, found);
    if (c === '"') return this.string();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.i, this.i + 400));
    if (!m) this.fail("expected a valid value (number, String, array, object, 'true', 'false' or 'null')");
    this.i += m[0].length;
  }
  string(): void {
    this.i++;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '"') {
        this.i++;
        return;
      } else this.i++;
    }
    const start = this.pos();
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      `Unexpected end-of-input: was expecting closing quote for a string value at [line:${start.line}, column:${start.column}]`,
    );
  }
  object(path: Array<string | number>, target?: Array<string | number>, found?: { pos?: Pos }): void {
    const open = this.pos();
    this.i++;
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] === undefined)
        this.fail(`expected close marker for OBJECT (start marker at [line:${open.line}, column:${open.column}])`);
      if (this.text[this.i] !== '"') this.fail('was expecting double-quote to start field name');
      const keyStart = this.i;
      this.string();
      const key = JSON.parse(this.text.slice(keyStart, this.i)) as string;
      this.ws();
      if (this.text[this.i] !== ':') this.fail('was expecting a colon to separate field name and value');
      this.i++;
      const childPath = [...path, key];
      this.value(childPath, target, found);
      if (found && target && !found.pos && sameKeyPath(childPath, target)) found.pos = this.pos();
      this.ws();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return;
      }
      if (c === undefined)
        this.fail(`expected close marker for OBJECT (start marker at [line:${open.line}, column:${open.column}])`);
      this.fail('was expecting comma to separate Object entries');
    }
  }
  array(path: Array<string | number>, target?: Array<string | number>, found?: { pos?: Pos }): void {
    const open = this.pos();
    this.i++;
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (let n = 0; ; n++) {
      this.value([...path, n], target, found);
      this.ws();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return;
      }
      if (c === undefined)
        this.fail(`expected close marker for ARRAY (start marker at [line:${open.line}, column:${open.column}])`);
      this.fail('was expecting comma to separate Array entries');
    }
  }
}

function sameKeyPath(a: Array<string | number>, b: Array<string | number>): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Parses a request body; a missing or malformed body is Salesforce's 400 JSON_PARSER_ERROR. */
export function parseJsonBody(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') {
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      'The HTTP entity body is required, but this request has no entity body.',
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    const s = new Scanner(text);
    try {
      s.value([]);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      // Nesting too deep for the scanner's recursion: still the client's bad JSON, not our crash.
    }
    throw new ApiError(
      400,
      'JSON_PARSER_ERROR',
      `Unexpected character: invalid JSON at [line:${s.line}, column:${s.i - s.lineStart + 1}]`,
    );
  }
}

/** A Locator for keys of the object at `prefix` inside `text` (" at [line:l, column:c]"). */
export function locatorFor(text: string | undefined, prefix: Array<string | number> = []): Locator {
  return (key) => {
    if (!text) return '';
    try {
      const found: { pos?: Pos } = {};
      new Scanner(text).value([], [...prefix, key], found);
      return found.pos ? ` at [line:${found.pos.line}, column:${found.pos.column}]` : '';
    } catch {
      return '';
    }
  };
}
