// @ts-check
/**
 * Why this file exists: HubSpot's published specs need a few reviewable fixes before codegen
 * (malformed operationIds, over-required PropertyValue). They are kept as an OpenAPI Overlay
 * 1.0 document beside the specs, so the same patch applies to our specs and to HubSpot's files
 * dropped in their place. Supported JSONPath subset: `$`, `.name`, `['name']`, `.*`, `[*]`, `[n]`.
 */
import { SpecError, escapePointer } from "./json-source.mjs";

/** @typedef {{ target: string, description?: string, update?: unknown, remove?: boolean }} OverlayAction */

/**
 * @param {string} path
 * @param {string} where for error messages
 * @returns {Array<string | number | typeof WILDCARD>}
 */
export function parseJsonPath(path, where) {
  if (typeof path !== "string" || !path.startsWith("$")) {
    throw new Error(`${where}: target must be a JSONPath starting with '$', got ${JSON.stringify(path)}`);
  }
  /** @type {Array<string | number | typeof WILDCARD>} */
  const segments = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\.\*|\[\*\]|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const at = re.lastIndex;
    const m = re.exec(path);
    if (!m) {
      throw new Error(
        `${where}: unsupported JSONPath syntax at character ${at + 1} of ${JSON.stringify(path)} ` +
          `(supported: .name, ['name'], .*, [*], [n])`,
      );
    }
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(m[3].replace(/\\(.)/g, "$1"));
    else if (m[4] !== undefined) segments.push(m[4].replace(/\\(.)/g, "$1"));
    else segments.push(WILDCARD);
  }
  return segments;
}

export const WILDCARD = Symbol("*");

/**
 * Every node the path selects, as { parent, key, pointer }.
 * @param {any} root
 * @param {ReturnType<typeof parseJsonPath>} segments
 */
function select(root, segments) {
  /** @type {Array<{ parent: any, key: string | number | null, node: any, pointer: string }>} */
  let current = [{ parent: null, key: null, node: root, pointer: "" }];
  for (const seg of segments) {
    const next = [];
    for (const { node, pointer } of current) {
      if (node === null || typeof node !== "object") continue;
      const keys =
        seg === WILDCARD ? (Array.isArray(node) ? node.map((_, n) => n) : Object.keys(node)) : [seg];
      for (const key of keys) {
        if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
        next.push({
          parent: node,
          key,
          node: node[key],
          pointer: `${pointer}/${escapePointer(String(key))}`,
        });
      }
    }
    current = next;
  }
  return current;
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
    const where = `${file}: actions[${n}]`;
    if (!isPlainObject(action))
      throw new SpecError(file, "an action must be an object", { pointer: `/actions/${n}` });
    parseJsonPath(/** @type {string} */ (action.target), where);
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
    const matches = select(doc, parseJsonPath(action.target, `${overlayFile}: actions[${n}]`));
    if (action.remove === true) {
      // Remove deepest-last so array indexes stay valid.
      for (const m of matches.reverse()) {
        if (Array.isArray(m.parent)) m.parent.splice(/** @type {number} */ (m.key), 1);
        else if (m.parent) delete m.parent[/** @type {string} */ (m.key)];
      }
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
