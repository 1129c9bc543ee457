// @ts-check
/**
 * Why this file exists: a spec update from HubSpot must reach users as the right semver bump.
 * This compares two versions of a spec (after overlays, i.e. what the generated types show) and
 * classifies every change as a reviewer of a public SDK would: major, minor or patch.
 */

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
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
export const LEVELS = /** @type {const} */ (["none", "patch", "minor", "major"]);

/** @typedef {"patch" | "minor" | "major"} Level */
/** @typedef {{ level: Level, where: string, pointer: string, message: string }} Change */

/** @param {string} s */
const esc = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** @param {Level | "none"} a @param {Level | "none"} b */
export const maxLevel = (a, b) => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

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
const same = (/** @type {unknown} */ a, /** @type {unknown} */ b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares two schemas in a request ("in") or response ("out") position.
 * @param {{ oldDoc: any, newDoc: any, changes: Change[], where: string, seen: Set<string> }} ctx
 * @param {any} oldS @param {any} newS @param {"in" | "out"} dir @param {string} oldPtr @param {string} newPtr
 */
function compareSchema(ctx, oldS, newS, dir, oldPtr, newPtr) {
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

/** @param {any} container */
const jsonOf = (container) => {
  const c = container?.content ?? {};
  const key = c["application/json"] ? "application/json" : Object.keys(c)[0];
  return key ? { schema: c[key].schema, key } : undefined;
};

/**
 * Every change between two specs, each with its level, operation and JSON pointer.
 * @param {any} oldDoc @param {any} newDoc
 * @returns {{ level: Level | "none", changes: Change[] }}
 */
export function diffSpecs(oldDoc, newDoc) {
  /** @type {Change[]} */
  const changes = [];
  const ops = (/** @type {any} */ doc) =>
    new Map(
      Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
        METHODS.filter((m) => item?.[m]).map((m) => [
          `${m.toUpperCase()} ${path}`,
          { path, method: m, op: item[m] },
        ]),
      ),
    );
  const before = ops(oldDoc);
  const after = ops(newDoc);
  for (const [name, { path, method }] of before) {
    if (!after.has(name))
      changes.push({
        level: "major",
        where: name,
        pointer: `#/paths/${esc(path)}/${method}`,
        message: "operation removed",
      });
  }
  for (const [name, { path, method }] of after) {
    if (!before.has(name))
      changes.push({
        level: "minor",
        where: name,
        pointer: `#/paths/${esc(path)}/${method}`,
        message: "operation added",
      });
  }
  for (const [name, { path, method, op: o }] of before) {
    const found = after.get(name);
    if (!found) continue;
    const n = found.op;
    const base = `/paths/${esc(path)}/${method}`;
    const ctx = { oldDoc, newDoc, changes, where: name, seen: new Set() };
    const oBody = jsonOf(o.requestBody);
    const nBody = jsonOf(n.requestBody);
    if (oBody && nBody)
      compareSchema(
        ctx,
        oBody.schema,
        nBody.schema,
        "in",
        `${base}/requestBody/content/${esc(oBody.key)}/schema`,
        `${base}/requestBody/content/${esc(nBody.key)}/schema`,
      );
    else if (!oBody && nBody)
      changes.push({
        level: n.requestBody?.required ? "major" : "minor",
        where: name,
        pointer: `#${base}/requestBody`,
        message: "request body added",
      });
    else if (oBody && !nBody)
      changes.push({
        level: "major",
        where: name,
        pointer: `#${base}/requestBody`,
        message: "request body removed",
      });
    if (!o.requestBody?.required && n.requestBody?.required && oBody)
      changes.push({
        level: "major",
        where: name,
        pointer: `#${base}/requestBody/required`,
        message: "request body is newly required",
      });

    const params = (/** @type {any} */ op) =>
      new Map((op.parameters ?? []).map((/** @type {any} */ p) => [`${p.in}:${p.name}`, p]));
    const oParams = params(o);
    const nParams = params(n);
    for (const [k, p] of nParams) {
      const old = oParams.get(k);
      if (!old)
        changes.push({
          level: p.required ? "major" : "minor",
          where: name,
          pointer: `#${base}/parameters`,
          message: `parameter ${k} added${p.required ? " as required" : ""}`,
        });
      else if (!old.required && p.required)
        changes.push({
          level: "major",
          where: name,
          pointer: `#${base}/parameters`,
          message: `parameter ${k} is newly required`,
        });
    }
    for (const k of oParams.keys()) {
      if (!nParams.has(k))
        changes.push({
          level: "major",
          where: name,
          pointer: `#${base}/parameters`,
          message: `parameter ${k} removed`,
        });
    }

    for (const status of Object.keys(o.responses ?? {})) {
      const ptr = `${base}/responses/${esc(status)}`;
      if (!(status in (n.responses ?? {}))) {
        changes.push({
          level: "major",
          where: name,
          pointer: `#${ptr}`,
          message: `response ${status} removed`,
        });
        continue;
      }
      const oRes = jsonOf(o.responses[status]);
      const nRes = jsonOf(n.responses[status]);
      if (oRes && nRes)
        compareSchema(
          ctx,
          oRes.schema,
          nRes.schema,
          "out",
          `${ptr}/content/${esc(oRes.key)}/schema`,
          `${ptr}/content/${esc(nRes.key)}/schema`,
        );
      else if (oRes && !nRes)
        changes.push({
          level: "major",
          where: name,
          pointer: `#${ptr}`,
          message: `response ${status} no longer has a body`,
        });
    }
    for (const status of Object.keys(n.responses ?? {})) {
      if (!(status in (o.responses ?? {})))
        changes.push({
          level: "minor",
          where: name,
          pointer: `#${base}/responses/${esc(status)}`,
          message: `response ${status} added`,
        });
    }
  }
  if (changes.length === 0 && !same(oldDoc, newDoc)) {
    changes.push({
      level: "patch",
      where: "spec",
      pointer: "#",
      message: "documentation changed (descriptions, examples or other non-schema text)",
    });
  }
  // The same component change reached through several operations is reported once.
  /** @type {Map<string, Change>} */
  const unique = new Map();
  for (const c of changes) {
    const k = `${c.level}|${c.pointer}|${c.message}`;
    const prev = unique.get(k);
    if (prev) {
      if (!prev.where.split(", ").includes(c.where)) prev.where += `, ${c.where}`;
    } else unique.set(k, { ...c });
  }
  const list = [...unique.values()].sort(
    (x, y) => LEVELS.indexOf(y.level) - LEVELS.indexOf(x.level) || x.pointer.localeCompare(y.pointer),
  );
  return {
    level: list.reduce((/** @type {Level | "none"} */ l, c) => maxLevel(l, c.level), "none"),
    changes: list,
  };
}
