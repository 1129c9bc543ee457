// @ts-check
/**
 * Why this file exists: HubSpot's published specs need a few reviewable fixes before codegen
 * (malformed operationIds, over-required PropertyValue). They are kept as an OpenAPI Overlay
 * 1.0 document beside the specs, so the same patch applies to our specs and to HubSpot's files
 * dropped in their place. Targets are RFC 9535 JSONPath expressions, as the Overlay spec says,
 * evaluated by jsonpath-rfc9535 (the implementation Redocly's openapi-core uses, and which passes
 * the JSONPath compliance test suite); this file only adds the Overlay semantics on top.
 */
import { exec } from "jsonpath-rfc9535";
import parseJsonPath from "jsonpath-rfc9535/parser";
import { SpecError, escapePointer } from "./json-source.mjs";

/** @typedef {{ target: string, description?: string, update?: unknown, remove?: boolean }} OverlayAction */

/**
 * Throws a SpecError naming the action when `target` is not an RFC 9535 JSONPath query.
 * @param {unknown} target
 * @param {string} file
 * @param {number} n the action's index
 */
function checkTarget(target, file, n) {
  const where = { pointer: `/actions/${n}/target` };
  if (typeof target !== "string") {
    throw new SpecError(
      file,
      `actions[${n}]: target must be a JSONPath string, got ${JSON.stringify(target)}`,
      where,
    );
  }
  try {
    parseJsonPath(target);
  } catch (e) {
    const err = /** @type {Error & { location?: { start?: { column?: number } } }} */ (e);
    const at = err.location?.start?.column;
    throw new SpecError(
      file,
      `actions[${n}]: target ${JSON.stringify(target)} is not an RFC 9535 JSONPath` +
        `${at ? ` (character ${at})` : ""}: ${err.message}`,
      where,
    );
  }
}

/** Undoes the escaping of a key in an RFC 9535 normalized path (`\'`, `\n`, `\u001f`, ...). */
const unescapeNormalizedKey = (/** @type {string} */ key) =>
  key.replace(/\\(?:u([0-9a-fA-F]{4})|(.))/g, (_, hex, ch) =>
    hex
      ? String.fromCharCode(parseInt(hex, 16))
      : (/** @type {Record<string, string>} */ ({ b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" })[ch] ?? ch),
  );

/**
 * Every node the query selects, once each, in document order, as { parent, key, node, pointer }
 * (the root has no parent). Parents are resolved before anything is changed.
 * @param {any} root
 * @param {string} target
 */
function select(root, target) {
  /** @type {Map<string, { parent: any, key: string | number | null, node: any, pointer: string }>} */
  const found = new Map();
  exec(root, target, (node, path) => {
    let parent = null;
    /** @type {string | number | null} */
    let key = null;
    let current = root;
    let pointer = "";
    for (const segment of path) {
      parent = current;
      key = typeof segment === "number" ? segment : unescapeNormalizedKey(segment);
      current = current[key];
      pointer += `/${escapePointer(String(key))}`;
    }
    if (!found.has(pointer)) found.set(pointer, { parent, key, node, pointer });
  });
  return [...found.values()];
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isPlainObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** Overlay 1.0 merge: objects merge recursively, other values replace, arrays append. */
function merge(/** @type {any} */ target, /** @type {any} */ update) {
  if (Array.isArray(target)) {
    target.push(...structuredClone(Array.isArray(update) ? update : [update]));
    return;
  }
  for (const [key, value] of Object.entries(update)) {
    if (isPlainObject(target[key]) && isPlainObject(value)) merge(target[key], value);
    else target[key] = structuredClone(value);
  }
}

/**
 * Checks an overlay document's shape; throws SpecError naming the action and field.
 * @param {any} overlay
 * @param {string} file
 * @returns {OverlayAction[]}
 */
export function validateOverlay(overlay, file) {
  if (
    !isPlainObject(overlay) ||
    typeof overlay.overlay !== "string" ||
    !/^1\.\d+\.\d+$/.test(overlay.overlay)
  ) {
    throw new SpecError(file, 'not an OpenAPI Overlay 1.x document (missing `overlay: "1.0.0"`)', {
      pointer: "/overlay",
    });
  }
  if (!Array.isArray(overlay.actions)) {
    throw new SpecError(file, "`actions` must be an array", { pointer: "/actions" });
  }
  overlay.actions.forEach((/** @type {any} */ action, /** @type {number} */ n) => {
    if (!isPlainObject(action))
      throw new SpecError(file, "an action must be an object", { pointer: `/actions/${n}` });
    checkTarget(action.target, file, n);
    const hasUpdate = action.update !== undefined;
    if (hasUpdate === (action.remove === true)) {
      throw new SpecError(file, "an action needs exactly one of `update` or `remove: true`", {
        pointer: `/actions/${n}`,
      });
    }
  });
  return overlay.actions;
}

/**
 * Applies the overlay's actions in order to a copy of `spec`.
 * An `update` whose target matches nothing is an error (the fix would silently not happen);
 * a `remove` that matches nothing is not (there is nothing to remove).
 * @param {any} spec
 * @param {OverlayAction[]} actions
 * @param {string} overlayFile
 * @param {string} specFile
 */
export function applyOverlay(spec, actions, overlayFile, specFile) {
  const doc = structuredClone(spec);
  actions.forEach((action, n) => {
    const matches = select(doc, action.target);
    if (action.remove === true) {
      // Parents were resolved before any change; array elements go highest index first, so the
      // indexes of the others in the same array stay valid.
      const fromArrays = matches.filter((m) => Array.isArray(m.parent));
      fromArrays.sort((a, b) => Number(b.key) - Number(a.key));
      for (const m of fromArrays) m.parent.splice(Number(m.key), 1);
      for (const m of matches) if (m.parent && !Array.isArray(m.parent)) delete m.parent[String(m.key)];
      return;
    }
    if (matches.length === 0) {
      throw new SpecError(
        overlayFile,
        `actions[${n}] (update of ${action.target}) matches nothing in ${specFile}; the spec no longer has what this fix expects`,
      );
    }
    for (const m of matches) {
      if (!isPlainObject(m.node) && !Array.isArray(m.node)) {
        throw new SpecError(
          overlayFile,
          `actions[${n}]: cannot update ${m.pointer} in ${specFile}: it is not an object or array`,
        );
      }
      merge(m.node, action.update);
    }
  });
  return doc;
}
