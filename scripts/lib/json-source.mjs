// @ts-check
/**
 * Why this file exists: a maintainer who drops in a broken spec needs to be told *where* it is
 * broken. JSON.parse gives neither line numbers (on Node 20) nor the position of a value, so the
 * text is parsed with Momoa (a maintained JSON AST parser with line/column on every node and
 * error) and the line and column of every value is recorded by its JSON pointer.
 * On top of Momoa's strict JSON mode this rejects what JSON forbids or makes ambiguous and Momoa
 * lets through: raw control characters inside strings, and a key repeated in one object (JSON.parse
 * would silently keep the last one).
 */
import { parse } from "@humanwhocodes/momoa";

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
    /** @type {string[] | undefined} set when the spec's paths belong to other API versions */
    this.otherVersions = undefined;
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
  /** @type {import("@humanwhocodes/momoa").DocumentNode} */
  let ast;
  try {
    ast = parse(text, { mode: "json" });
  } catch (e) {
    const err = /** @type {Error & { line?: number, column?: number, offset?: number }} */ (e);
    if (typeof err.line !== "number") throw e;
    // Momoa says "Unexpected token String found. (3:3)"; the location goes in front instead.
    const what = err.message.replace(/\.?\s*\(\d+:\d+\)\s*$/, "");
    const near =
      err.offset !== undefined && err.offset < text.length
        ? `, near ${JSON.stringify(text.slice(err.offset, err.offset + 24))}`
        : "";
    throw new SpecError(file, `invalid JSON: ${what}${near}`, { line: err.line, column: err.column });
  }

  /** @type {Map<string, { line: number, column: number }>} */
  const positions = new Map();
  /** @param {import("@humanwhocodes/momoa").Node} node @param {string} msg @returns {never} */
  const fail = (node, msg) => {
    throw new SpecError(file, `invalid JSON: ${msg}`, {
      line: node.loc.start.line,
      column: node.loc.start.column,
    });
  };
  /** @param {import("@humanwhocodes/momoa").StringNode} node */
  const checkString = (node) => {
    const raw = text.slice(node.loc.start.offset, node.loc.end.offset);
    if (/[\u0000-\u001f]/.test(raw)) fail(node, "control character in string (escape it, e.g. \\n)");
  };
  // An explicit stack, not recursion: a deeply nested document cannot overflow the call stack.
  /** @type {Array<{ node: import("@humanwhocodes/momoa").ValueNode, pointer: string }>} */
  const stack = [{ node: ast.body, pointer: "" }];
  while (stack.length > 0) {
    const { node, pointer } = /** @type {(typeof stack)[number]} */ (stack.pop());
    positions.set(pointer, { line: node.loc.start.line, column: node.loc.start.column });
    if (node.type === "String") checkString(node);
    else if (node.type === "Object") {
      const seen = new Set();
      for (const member of node.members) {
        const name = member.name;
        if (name.type !== "String") fail(name, "property names must be strings in double quotes");
        checkString(name);
        if (seen.has(name.value)) fail(name, `duplicate key "${name.value}" in object at ${pointer || "/"}`);
        seen.add(name.value);
        stack.push({ node: member.value, pointer: `${pointer}/${escapePointer(name.value)}` });
      }
    } else if (node.type === "Array") {
      node.elements.forEach((element, n) => stack.push({ node: element.value, pointer: `${pointer}/${n}` }));
    }
  }
  // The text is valid JSON now; JSON.parse builds the value (and keeps `__proto__` an own key).
  return { value: JSON.parse(text), positions };
}
