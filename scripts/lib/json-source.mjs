// @ts-check
/**
 * Why this file exists: a maintainer who drops in a broken spec needs to be told *where* it is
 * broken. JSON.parse gives neither line numbers (on Node 20) nor the position of a value, so
 * this small parser records the line and column of every value by its JSON pointer.
 */

export class SpecError extends Error {
  /**
   * @param {string} file path shown to the user
   * @param {string} message what is wrong
   * @param {{ line?: number, column?: number, pointer?: string }} [where]
   */
  constructor(file, message, where = {}) {
    const loc = where.line ? `:${where.line}:${where.column ?? 1}` : "";
    const ptr = where.pointer !== undefined ? ` at ${where.pointer || "/"}` : "";
    super(`${file}${loc}: ${message}${ptr}`);
    this.name = "SpecError";
    this.file = file;
    this.where = where;
  }
}

/** @param {string} s */
export const escapePointer = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Parses JSON text, returning the value and a map from JSON pointer to its 1-based position.
 * @param {string} text
 * @param {string} file used in error messages
 * @returns {{ value: any, positions: Map<string, { line: number, column: number }> }}
 */
export function parseJsonWithPositions(text, file) {
  /** @type {Map<string, { line: number, column: number }>} */
  const positions = new Map();
  let i = 0;
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === "\n") lineStarts.push(k + 1);
  /** @param {number} offset */
  const pos = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };
  /** @param {string} msg @returns {never} */
  const fail = (msg) => {
    throw new SpecError(file, `invalid JSON: ${msg}`, pos(Math.min(i, text.length)));
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(/** @type {string} */ (text[i]))) i++;
  };
  const str = () => {
    const start = i;
    i++;
    let out = "";
    for (;;) {
      if (i >= text.length) {
        i = start;
        fail("unterminated string");
      }
      const c = text[i];
      if (c === '"') break;
      if (c === "\\") {
        const end = i + (text[i + 1] === "u" ? 6 : 2);
        try {
          out += JSON.parse(`"${text.slice(i, end)}"`);
        } catch {
          fail("bad escape sequence in string");
        }
        i = end;
        continue;
      }
      if (c !== undefined && c < " ") fail("control character in string");
      out += c;
      i++;
    }
    i++;
    return out;
  };
  /** @param {string} ptr @returns {any} */
  const value = (ptr) => {
    ws();
    positions.set(ptr, pos(i));
    const c = text[i];
    if (c === "{") {
      i++;
      /** @type {Record<string, any>} */
      const obj = {};
      ws();
      if (text[i] === "}") return (i++, obj);
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${show()}`);
        const key = str();
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          fail(`duplicate key "${key}" in object at ${ptr || "/"}`);
        }
        ws();
        if (text[i] !== ":") fail(`expected ':' after property name, found ${show()}`);
        i++;
        obj[key] = value(`${ptr}/${escapePointer(key)}`);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return (i++, obj);
        else fail(`expected ',' or '}', found ${show()}`);
      }
    }
    if (c === "[") {
      i++;
      /** @type {any[]} */
      const arr = [];
      ws();
      if (text[i] === "]") return (i++, arr);
      for (;;) {
        arr.push(value(`${ptr}/${arr.length}`));
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return (i++, arr);
        else fail(`expected ',' or ']', found ${show()}`);
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail(`unexpected ${show()}`);
    i += m[0].length;
    return JSON.parse(m[0]);
  };
  const show = () => (i >= text.length ? "end of file" : JSON.stringify(text[i]));
  const result = value("");
  ws();
  if (i < text.length) fail(`unexpected ${show()} after the end of the document`);
  return { value: result, positions };
}
