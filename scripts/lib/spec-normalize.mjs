// @ts-check
/**
 * Why this file exists: the spec diff compares what two documents mean, not how they are written.
 * This resolves every local `$ref` (schemas, responses, parameters, request bodies, headers, path
 * items, chains of them) and builds canonical forms in which key order, the order of sets
 * (`required`, `enum`, `tags`, `type` lists, `oneOf`/`anyOf`/`allOf`, parameters, security) and
 * `$ref`-vs-inline make no difference.
 */

/** Keys that document but do not change what is valid. */
export const DOC_KEYS = new Set([
  "description",
  "summary",
  "example",
  "examples",
  "title",
  "externalDocs",
  "deprecated",
  "tags",
  "operationId",
  "xml",
  "$comment",
]);

/** Arrays whose order means nothing. */
const SET_KEYS = new Set([
  "required",
  "enum",
  "type",
  "tags",
  "oneOf",
  "anyOf",
  "allOf",
  "parameters",
  "security",
]);

export const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** The value if it is a plain object, else `{}` (tolerates malformed documents). @param {any} v @returns {any} */
export const obj = (v) => (v && typeof v === "object" && !Array.isArray(v) ? v : {});
/** The value if it is an array, else `[]`. @param {any} v @returns {any[]} */
export const arr = (v) => (Array.isArray(v) ? v : []);

/** @param {string} s */
export const esc = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");
/** @param {string} s */
const unesc = (s) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/** The value at a `#/...` pointer, or undefined. @param {any} doc @param {string} ref */
export function at(doc, ref) {
  if (!ref.startsWith("#")) return undefined;
  const parts = ref.slice(1).split("/").slice(1);
  return parts.reduce((o, k) => (o == null ? undefined : o[unesc(k)]), doc);
}

/**
 * Follows a chain of local `$ref`s; returns the object and the pointer it lives at (without `#`).
 * @param {any} doc @param {any} node @param {string} pointer
 * @returns {{ node: any, pointer: string }}
 */
export function deref(doc, node, pointer) {
  let n = node;
  let p = pointer;
  for (let i = 0; i < 32 && n && typeof n === "object" && typeof n.$ref === "string"; i++) {
    if (!n.$ref.startsWith("#")) break;
    p = n.$ref.slice(1);
    n = at(doc, n.$ref);
  }
  return { node: obj(n), pointer: p };
}

/**
 * A canonical, comparable form of a node: `$ref`s expanded (a recursive one becomes
 * `{ $recursive: ref }`), keys sorted, set-like arrays sorted; with `docs: false` also without
 * documentation keys.
 * @param {any} doc @param {any} node @param {{ docs?: boolean }} [opts] @param {string[]} [stack]
 * @returns {any}
 */
export function canonical(doc, node, opts = {}, stack = []) {
  const docs = opts.docs ?? true;
  if (Array.isArray(node)) return node.map((x) => canonical(doc, x, opts, stack));
  if (!node || typeof node !== "object") return node;
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) {
    if (stack.includes(node.$ref)) return { $recursive: node.$ref };
    return canonical(doc, at(doc, node.$ref), opts, [...stack, node.$ref]);
  }
  /** @type {Record<string, any>} */
  const out = {};
  for (const k of Object.keys(node).sort()) {
    if (!docs && DOC_KEYS.has(k)) continue;
    if (isDefault(node, k)) continue;
    // `properties`, `content`, `responses`, ... are maps: their keys are names, never doc keys.
    let v =
      MAPS.has(k) && node[k] && typeof node[k] === "object" && !Array.isArray(node[k])
        ? Object.fromEntries(
            Object.keys(node[k])
              .sort()
              .map((name) => [name, canonical(doc, node[k][name], opts, stack)]),
          )
        : canonical(doc, node[k], opts, stack);
    if (SET_KEYS.has(k) && Array.isArray(v))
      v = v
        .map((x) => [JSON.stringify(x), x])
        .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
        .map((x) => x[1]);
    out[k] = v;
  }
  return out;
}
/** Keys written with the value they have when absent: `nullable: false`, `required: []`, ... */
/** @type {Map<string, unknown>} */
const NO_OP = new Map(
  /** @type {[string, unknown][]} */ ([
    ["nullable", false],
    ["deprecated", false],
    ["readOnly", false],
    ["writeOnly", false],
    ["uniqueItems", false],
    ["exclusiveMinimum", false],
    ["exclusiveMaximum", false],
    ["allowEmptyValue", false],
    ["allowReserved", false],
    ["minLength", 0],
    ["minItems", 0],
    ["minProperties", 0],
  ]),
);
/** @param {any} node @param {string} k */
function isDefault(node, k) {
  const v = node[k];
  if (NO_OP.has(k) && NO_OP.get(k) === v) return true;
  if (k === "required") return v === false || (Array.isArray(v) && v.length === 0);
  // A parameter's serialization written out as its default.
  if (typeof node.in === "string" && typeof node.name === "string") {
    const style = node.style ?? (node.in === "query" || node.in === "cookie" ? "form" : "simple");
    if (k === "style") return v === (node.in === "query" || node.in === "cookie" ? "form" : "simple");
    if (k === "explode") return v === (style === "form");
  }
  return false;
}
const MAPS = new Set([
  "properties",
  "content",
  "responses",
  "headers",
  "links",
  "encoding",
  "mapping",
  "schemas",
]);

/** @param {any} doc @param {any} node @param {{ docs?: boolean }} [opts] */
export const canonicalText = (doc, node, opts) => JSON.stringify(canonical(doc, node, opts));

/**
 * Every operation of a document, keyed `METHOD /path`, with the path item's parameters merged in
 * (the operation's own win, as OpenAPI says).
 * @param {any} doc
 */
export function operationsOf(doc) {
  /** @type {Map<string, { path: string, method: string, op: any, pointer: string, params: Map<string, { param: any, pointer: string }> }>} */
  const out = new Map();
  for (const [path, rawItem] of Object.entries(obj(doc.paths))) {
    const { node: item, pointer: itemPtr } = deref(doc, rawItem, `/paths/${esc(path)}`);
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op || typeof op !== "object") continue;
      const pointer = `${itemPtr}/${method}`;
      /** @type {Map<string, { param: any, pointer: string }>} */
      const params = new Map();
      const addParams = (/** @type {any[] | undefined} */ list, /** @type {string} */ base) => {
        arr(list).forEach((raw, i) => {
          const { node: param, pointer: p } = deref(doc, raw, `${base}/parameters/${i}`);
          if (!param?.name || !param?.in) return;
          params.set(paramKey(param), { param, pointer: p });
        });
      };
      addParams(item.parameters, itemPtr);
      addParams(op.parameters, pointer);
      out.set(`${method.toUpperCase()} ${path}`, { path, method, op, pointer, params });
    }
  }
  return out;
}

/** `in:name`; header names are case-insensitive. @param {any} p */
export const paramKey = (p) => `${p.in}:${p.in === "header" ? String(p.name).toLowerCase() : p.name}`;

/**
 * The whole document in canonical form with documentation kept: equal for two documents that
 * differ only in ordering, formatting and `$ref`-vs-inline of responses, parameters, request
 * bodies and headers.
 * @param {any} doc
 */
export function canonicalDocument(doc) {
  const { paths, components, ...top } = doc ?? {};
  const ops = {};
  for (const [name, { op, params }] of [...operationsOf(doc)].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const { parameters, ...rest } = op;
    /** @type {any} */ (ops)[name] = canonical(doc, {
      ...rest,
      parameters: [...params.values()].map((p) => p.param),
    });
  }
  const items = {};
  for (const path of Object.keys(paths ?? {}).sort()) {
    const { node: item } = deref(doc, paths[path], "");
    /** @type {any} */ (items)[path] = canonical(
      doc,
      Object.fromEntries(
        Object.entries(item ?? {}).filter(([k]) => !METHODS.includes(k) && k !== "parameters"),
      ),
    );
  }
  const schemas = {};
  for (const name of Object.keys(components?.schemas ?? {}).sort())
    /** @type {any} */ (schemas)[name] = canonical(doc, components.schemas[name], {}, [
      `#/components/schemas/${esc(name)}`,
    ]);
  return JSON.stringify({
    top: canonical(doc, top),
    ops,
    items,
    schemas,
    securitySchemes: canonical(doc, components?.securitySchemes ?? {}),
  });
}

/**
 * Every `$ref` target reachable from a node (transitively), as pointers without `#`.
 * @param {any} doc @param {any} node @param {Set<string>} [seen]
 */
export function reachable(doc, node, seen = new Set()) {
  const walk = (/** @type {any} */ n) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== "object") return;
    if (typeof n.$ref === "string" && n.$ref.startsWith("#")) {
      const p = n.$ref.slice(1);
      if (seen.has(p)) return;
      seen.add(p);
      walk(at(doc, n.$ref));
      return;
    }
    for (const v of Object.values(n)) walk(v);
  };
  walk(node);
  return seen;
}
