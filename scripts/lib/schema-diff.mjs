// @ts-check
/**
 * Why this file exists: the heart of the spec diff. Two schemas are compared the way their
 * generated types would differ for a caller: in a request, what the caller must send; in a
 * response, what the caller can rely on. Every difference gets a semver level and a pointer.
 */

/** @typedef {import("./spec-diff.mjs").Level} Level */
/** @typedef {import("./spec-diff.mjs").Change} Change */

/** Keys that document but do not change what is valid. */
const DOC_KEYS = new Set([
  "description",
  "summary",
  "example",
  "examples",
  "title",
  "externalDocs",
  "deprecated",
  "tags",
  "operationId",
]);

/** @param {string} s */
export const esc = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Follows a local $ref; returns the schema and the pointer it lives at.
 * @param {any} doc @param {any} schema @param {string} pointer
 */
function deref(doc, schema, pointer) {
  let s = schema;
  let p = pointer;
  for (let i = 0; i < 20 && s && typeof s.$ref === "string" && s.$ref.startsWith("#/"); i++) {
    p = s.$ref.slice(1);
    s = p
      .split("/")
      .slice(1)
      .reduce((o, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return { schema: s ?? {}, pointer: p };
}

/** @param {any} v @returns {any} */
function stripDocs(v) {
  if (Array.isArray(v)) return v.map(stripDocs);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => !DOC_KEYS.has(k))
        .map(([k, x]) => [k, stripDocs(x)]),
    );
  }
  return v;
}
export const same = (/** @type {unknown} */ a, /** @type {unknown} */ b) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares two schemas in a request ("in") or response ("out") position.
 * @param {{ oldDoc: any, newDoc: any, changes: Change[], where: string, seen: Set<string> }} ctx
 * @param {any} oldS @param {any} newS @param {"in" | "out"} dir @param {string} oldPtr @param {string} newPtr
 */
export function compareSchema(ctx, oldS, newS, dir, oldPtr, newPtr) {
  const a = deref(ctx.oldDoc, oldS, oldPtr);
  const b = deref(ctx.newDoc, newS, newPtr);
  const key = `${dir}|${a.pointer}|${b.pointer}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  const o = a.schema;
  const n = b.schema;
  const at = b.pointer;
  const add = (/** @type {Level} */ level, /** @type {string} */ message, pointer = at) =>
    ctx.changes.push({ level, where: ctx.where, pointer: `#${pointer}`, message });
  const role = dir === "in" ? "request" : "response";

  if ((o.type ?? null) !== (n.type ?? null)) {
    add("major", `${role} type changed from ${o.type ?? "any"} to ${n.type ?? "any"}`);
    return;
  }
  if ((o.format ?? null) !== (n.format ?? null))
    add("major", `${role} format changed from ${o.format ?? "none"} to ${n.format ?? "none"}`);
  if (Array.isArray(o.enum) || Array.isArray(n.enum)) {
    if (!Array.isArray(o.enum)) add("major", `${role} value narrowed to an enum (${n.enum.join(", ")})`);
    else if (!Array.isArray(n.enum))
      add(dir === "in" ? "minor" : "major", `${role} enum removed (any value now)`);
    else {
      const removed = o.enum.filter((/** @type {unknown} */ v) => !n.enum.includes(v));
      const added = n.enum.filter((/** @type {unknown} */ v) => !o.enum.includes(v));
      if (removed.length)
        add(dir === "in" ? "major" : "minor", `${role} enum value(s) removed: ${removed.join(", ")}`);
      if (added.length)
        add(dir === "out" ? "major" : "minor", `${role} enum value(s) added: ${added.join(", ")}`);
    }
  }
  for (const k of [
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "pattern",
    "multipleOf",
    "nullable",
    "additionalProperties",
    "oneOf",
    "anyOf",
    "allOf",
  ]) {
    if (
      k === "additionalProperties" &&
      o[k] &&
      n[k] &&
      typeof o[k] === "object" &&
      typeof n[k] === "object"
    ) {
      compareSchema(ctx, o[k], n[k], dir, `${a.pointer}/${k}`, `${b.pointer}/${k}`);
      continue;
    }
    if (!same(stripDocs(o[k]), stripDocs(n[k])))
      add("major", `${role} constraint ${k} changed`, `${at}/${k}`);
  }
  if (o.items || n.items)
    compareSchema(ctx, o.items ?? {}, n.items ?? {}, dir, `${a.pointer}/items`, `${b.pointer}/items`);

  const oProps = o.properties ?? {};
  const nProps = n.properties ?? {};
  const oReq = new Set(o.required ?? []);
  const nReq = new Set(n.required ?? []);
  for (const name of Object.keys(oProps)) {
    const ptr = `${at}/properties/${esc(name)}`;
    if (!(name in nProps)) {
      add("major", `${role} property ${name} removed`, ptr);
      continue;
    }
    if (dir === "in" && !oReq.has(name) && nReq.has(name))
      add("major", `request property ${name} is newly required`, ptr);
    if (dir === "in" && oReq.has(name) && !nReq.has(name))
      add("minor", `request property ${name} is now optional`, ptr);
    if (dir === "out" && oReq.has(name) && !nReq.has(name))
      add("major", `response property ${name} made optional`, ptr);
    if (dir === "out" && !oReq.has(name) && nReq.has(name))
      add("minor", `response property ${name} is now always present`, ptr);
    compareSchema(ctx, oProps[name], nProps[name], dir, `${a.pointer}/properties/${esc(name)}`, ptr);
  }
  for (const name of Object.keys(nProps)) {
    if (name in oProps) continue;
    const ptr = `${at}/properties/${esc(name)}`;
    if (dir === "in")
      add(
        nReq.has(name) ? "major" : "minor",
        `request property ${name} added${nReq.has(name) ? " as required" : " (optional)"}`,
        ptr,
      );
    else add("minor", `response property ${name} added`, ptr);
  }
}
