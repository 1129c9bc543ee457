// @ts-check
/**
 * Why this file exists: the heart of the spec diff. Two schemas are compared the way their
 * generated types (and the bulk pre-check's validators) would differ for a caller: in a request,
 * what the caller may send; in a response, what the caller can rely on. Every difference names a
 * rule of spec-rules.mjs, which gives its level for the direction, and a JSON pointer.
 */
import { arr, canonicalText, deref, esc, obj } from "./spec-normalize.mjs";
import { levelOf } from "./spec-rules.mjs";

export { esc };

/** @typedef {import("./spec-diff.mjs").Change} Change */
/** @typedef {"in" | "out" | "both"} Dir */
/**
 * @typedef {{ oldDoc: any, newDoc: any, changes: Change[], where: string, seen: Set<string> }} Ctx
 */

export const same = (/** @type {unknown} */ a, /** @type {unknown} */ b) =>
  JSON.stringify(a) === JSON.stringify(b);

/** Where each property of a merged schema was written. */
const PTRS = Symbol("property pointers");
/** The values an open enum lists (a collapsed `anyOf: [{ enum }, { type: string }]`). */
const KNOWN = Symbol("listed values of an open enum");

/**
 * A schema with `allOf` merged into one object (properties, required, constraints); each
 * property keeps the pointer it was written at.
 * @param {any} doc @param {any} raw @param {string} pointer
 * @returns {{ s: any, pointer: string }}
 */
function view(doc, raw, pointer, depth = 0) {
  const { node, pointer: p } = deref(doc, raw, pointer);
  if (!node || typeof node !== "object" || !Array.isArray(node.allOf) || depth > 16)
    return { s: node ?? {}, pointer: p };
  const { allOf, ...own } = node;
  /** @type {any} */
  const s = { ...own, properties: { ...obj(own.properties) }, required: [...arr(own.required)] };
  /** @type {Map<string, string>} */
  const ptrs = new Map(Object.keys(obj(own.properties)).map((k) => [k, `${p}/properties/${esc(k)}`]));
  if (own[PTRS]) for (const [k, v] of own[PTRS]) ptrs.set(k, v);
  allOf.forEach((/** @type {any} */ part, /** @type {number} */ i) => {
    const v = view(doc, part, `${p}/allOf/${i}`, depth + 1);
    for (const [k, x] of Object.entries(v.s)) {
      if (k === "properties") {
        for (const [name, prop] of Object.entries(obj(x))) {
          if (name in s.properties) continue;
          s.properties[name] = prop;
          ptrs.set(name, v.s[PTRS]?.get(name) ?? `${v.pointer}/properties/${esc(name)}`);
        }
      } else if (k === "required") s.required.push(...arr(x));
      else if (k === "nullable") s.nullable = s.nullable === undefined ? x : s.nullable && x;
      else if (!(k in s)) s[k] = x;
    }
  });
  if (Object.keys(s.properties).length === 0) delete s.properties;
  if (s.required.length === 0) delete s.required;
  s.required = s.required && [...new Set(s.required)];
  s[PTRS] = ptrs;
  return { s, pointer: p };
}

/** The JSON types a schema allows (`null` included), or undefined for any. @param {any} s */
function typesOf(s) {
  /** @type {Set<string> | undefined} */
  let t;
  if (Array.isArray(s.type)) t = new Set(s.type);
  else if (typeof s.type === "string") t = new Set([s.type]);
  else if (s.properties || (s.additionalProperties && typeof s.additionalProperties === "object"))
    t = new Set(["object"]);
  else if (s.items) t = new Set(["array"]);
  else if (Array.isArray(s.enum) && s.enum.length)
    t = new Set(
      s.enum.map((/** @type {unknown} */ v) =>
        v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v,
      ),
    );
  if (t && s.nullable === true) t.add("null");
  return t;
}
/** @param {string} t @param {Set<string>} set */
const covered = (t, set) => set.has(t) || (t === "integer" && set.has("number"));

const FORMAT_ORDER = [
  ["int32", "int64"],
  ["float", "double"],
];
/** -1: b is stricter than a; 1: b is looser; 0: equal; NaN: unrelated. @param {string | undefined} a @param {string | undefined} b */
function formatRelation(a, b) {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  for (const ladder of FORMAT_ORDER) {
    const i = ladder.indexOf(a);
    const j = ladder.indexOf(b);
    if (i >= 0 && j >= 0) return j > i ? 1 : -1;
  }
  return Number.NaN;
}

/** An open union: `anyOf: [{ enum }, { type: string }]` is just `string`. @param {any} doc @param {any[]} branches */
function collapseOpen(doc, branches) {
  const resolved = branches.map((b) => deref(doc, b, "").node ?? {});
  const plain = resolved.findIndex((s) => {
    const keys = Object.keys(s).filter(
      (k) => !["description", "title", "nullable", "example", "examples"].includes(k),
    );
    return keys.length === 1 && keys[0] === "type" && typeof s.type === "string";
  });
  if (plain < 0) return { kept: branches, known: [] };
  const wide = /** @type {Set<string>} */ (typesOf(resolved[plain]));
  /** @type {unknown[]} */
  const known = [];
  const kept = branches.filter((_, i) => {
    if (i === plain) return true;
    const t = typesOf(resolved[i]);
    const subsumed = Boolean(t && [...t].every((x) => x === "null" || covered(x, wide)));
    if (subsumed && Array.isArray(resolved[i].enum)) known.push(...resolved[i].enum);
    return !subsumed;
  });
  return { kept, known };
}

/**
 * The alternatives of a schema with `oneOf`/`anyOf` (the rest of the schema merged into each),
 * or undefined when it has none.
 * @param {any} doc @param {any} s @param {string} pointer
 * @returns {{ schema: any, raw: any, pointer: string }[] | undefined}
 */
function alternatives(doc, s, pointer) {
  const key = Array.isArray(s.oneOf) ? "oneOf" : Array.isArray(s.anyOf) ? "anyOf" : undefined;
  if (!key) return undefined;
  const { oneOf, anyOf, discriminator, ...outer } = s;
  const all = /** @type {any[]} */ (s[key]);
  const { kept, known } = collapseOpen(doc, all);
  const merged = (/** @type {any} */ b) =>
    kept.length === 1 && known.length
      ? { allOf: [outer, b], [KNOWN]: known }
      : Object.keys(outer).length
        ? { allOf: [outer, b] }
        : b;
  return kept.map((b) => {
    const i = all.indexOf(b);
    // An open union collapsed to its one wide variant is reported at the schema itself.
    return { schema: merged(b), raw: b, pointer: kept.length === 1 ? pointer : `${pointer}/${key}/${i}` };
  });
}

/**
 * Compares two schemas in a request ("in") or response ("out") position, or for an exported type
 * reached from no operation ("both": the higher level of the two).
 * @param {Ctx} ctx @param {any} oldS @param {any} newS @param {Dir} dir @param {string} oldPtr @param {string} newPtr
 * @param {string} [tag] tells apart a schema and its open union collapsed to one variant (same pointer)
 */
export function compareSchema(ctx, oldS, newS, dir, oldPtr, newPtr, tag = "") {
  const a = view(ctx.oldDoc, oldS, oldPtr);
  const b = view(ctx.newDoc, newS, newPtr);
  const key = `${dir}|${a.pointer}|${b.pointer}${tag}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  const o = a.s;
  const n = b.s;
  const here = b.pointer;
  const add = (/** @type {string} */ rule, /** @type {string} */ message, pointer = here) =>
    ctx.changes.push({ level: levelOf(rule, dir), rule, where: ctx.where, pointer: `#${pointer}`, message });
  const role = dir === "in" ? "request" : dir === "out" ? "response" : "type";

  // oneOf / anyOf: match the variants, compare matched ones.
  const oAlts = alternatives(ctx.oldDoc, o, a.pointer);
  const nAlts = alternatives(ctx.newDoc, n, b.pointer);
  if (oAlts || nAlts) {
    const olds = oAlts ?? [{ schema: oldS, raw: oldS, pointer: oldPtr }];
    const news = nAlts ?? [{ schema: newS, raw: newS, pointer: newPtr }];
    if (olds.length === 1 && news.length === 1) {
      compareSchema(
        ctx,
        olds[0]?.schema,
        news[0]?.schema,
        dir,
        olds[0]?.pointer ?? oldPtr,
        news[0]?.pointer ?? newPtr,
        "|variant",
      );
      return;
    }
    compareVariants(ctx, olds, news, dir, add, role);
    return;
  }

  // Types and null.
  const ot = typesOf(o);
  const nt = typesOf(n);
  const oNull = !ot || ot.has("null");
  const nNull = !nt || nt.has("null");
  if (ot && nt) {
    const lost = [...ot].filter((t) => t !== "null" && !covered(t, nt));
    const gained = [...nt].filter((t) => t !== "null" && !covered(t, ot));
    const names = (/** @type {Set<string>} */ t) => [...t].filter((x) => x !== "null").join(" | ") || "null";
    if (lost.length && gained.length) {
      add("type-changed", `${role} type changed from ${names(ot)} to ${names(nt)}`);
      return;
    }
    if (lost.length) add("type-narrowed", `${role} type narrowed from ${names(ot)} to ${names(nt)}`);
    if (gained.length) add("type-widened", `${role} type widened from ${names(ot)} to ${names(nt)}`);
  } else if (ot && !nt)
    add("type-widened", `${role} type removed (was ${[...ot].join(" | ")}; any value now)`);
  else if (!ot && nt) add("type-narrowed", `${role} type set to ${[...nt].join(" | ")} (was any)`);
  if (ot && nt && !oNull && nNull) add("nullable-added", `${role} value may now be null`);
  if (ot && nt && oNull && !nNull) add("nullable-removed", `${role} value may no longer be null`);

  // Format.
  const rel = formatRelation(o.format, n.format);
  if (rel !== 0) {
    const msg = `${role} format changed from ${o.format ?? "none"} to ${n.format ?? "none"}`;
    add(
      Number.isNaN(rel) ? "format-changed" : rel < 0 ? "format-narrowed" : "format-relaxed",
      msg,
      `${here}/format`,
    );
  }

  // Enums (and 3.1 `const`).
  const enumOf = (/** @type {any} */ s) =>
    Array.isArray(s.enum) ? s.enum : s.const !== undefined ? [s.const] : undefined;
  const oe = enumOf(o);
  const ne = enumOf(n);
  if (oe || ne) {
    const txt = (/** @type {unknown[]} */ vs) =>
      vs.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
    if (!oe) add("enum-added", `${role} value narrowed to an enum (${txt(ne)})`);
    else if (!ne) add("enum-removed", `${role} enum removed (any value now)`);
    else {
      const oset = new Set(oe.map((/** @type {unknown} */ v) => JSON.stringify(v)));
      const nset = new Set(ne.map((/** @type {unknown} */ v) => JSON.stringify(v)));
      const removed = oe.filter((/** @type {unknown} */ v) => !nset.has(JSON.stringify(v)));
      const added = ne.filter((/** @type {unknown} */ v) => !oset.has(JSON.stringify(v)));
      if (removed.length) add("enum-value-removed", `${role} enum value(s) removed: ${txt(removed)}`);
      if (added.length) add("enum-value-added", `${role} enum value(s) added: ${txt(added)}`);
    }
  }

  if (o[KNOWN] || n[KNOWN]) {
    const ok = new Set((o[KNOWN] ?? []).map((/** @type {unknown} */ v) => JSON.stringify(v)));
    const nk = new Set((n[KNOWN] ?? []).map((/** @type {unknown} */ v) => JSON.stringify(v)));
    const plus = [...nk].filter((v) => !ok.has(v));
    const minus = [...ok].filter((v) => !nk.has(v));
    // Only between two open enums: from or to a closed one, the enum rules above said it.
    if (o[KNOWN] && n[KNOWN] && (plus.length || minus.length))
      add(
        "open-enum-value",
        `${role} open enum lists ${[plus.length ? `${plus.length} more value(s): ${plus.map((v) => JSON.parse(v)).join(", ")}` : "", minus.length ? `${minus.length} fewer: ${minus.map((v) => JSON.parse(v)).join(", ")}` : ""].filter(Boolean).join("; ")}`,
      );
  }

  // Constraints.
  const bound = (/** @type {string} */ k, /** @type {"min" | "max"} */ kind, zero = Number.NaN) => {
    const ov = o[k] ?? zero;
    const nv = n[k] ?? zero;
    if (same(ov, nv) || (Number.isNaN(ov) && Number.isNaN(nv))) return;
    const msg = `${role} constraint ${k} changed (${o[k] ?? "none"} to ${n[k] ?? "none"})`;
    let tighter;
    if (Number.isNaN(ov)) tighter = true;
    else if (Number.isNaN(nv)) tighter = false;
    else tighter = kind === "min" ? nv > ov : nv < ov;
    add(tighter ? "constraint-narrowed" : "constraint-relaxed", msg, `${here}/${k}`);
  };
  bound("minimum", "min");
  bound("minLength", "min", 0);
  bound("minItems", "min", 0);
  bound("minProperties", "min", 0);
  bound("maximum", "max");
  bound("maxLength", "max");
  bound("maxItems", "max");
  bound("maxProperties", "max");
  for (const [k, kind] of /** @type {const} */ ([
    ["exclusiveMinimum", "min"],
    ["exclusiveMaximum", "max"],
  ])) {
    if (typeof o[k] === "number" || typeof n[k] === "number") bound(k, kind);
    else if (Boolean(o[k]) !== Boolean(n[k]))
      add(
        n[k] ? "constraint-narrowed" : "constraint-relaxed",
        `${role} constraint ${k} changed`,
        `${here}/${k}`,
      );
  }
  if (Boolean(o.uniqueItems) !== Boolean(n.uniqueItems))
    add(
      n.uniqueItems ? "constraint-narrowed" : "constraint-relaxed",
      `${role} constraint uniqueItems changed`,
      `${here}/uniqueItems`,
    );
  if (o.pattern !== n.pattern) {
    const rule =
      o.pattern === undefined
        ? "constraint-narrowed"
        : n.pattern === undefined
          ? "constraint-relaxed"
          : "constraint-changed";
    add(
      rule,
      `${role} constraint pattern changed (${o.pattern ?? "none"} to ${n.pattern ?? "none"})`,
      `${here}/pattern`,
    );
  }
  if (o.multipleOf !== n.multipleOf) {
    let rule = "constraint-changed";
    if (o.multipleOf === undefined) rule = "constraint-narrowed";
    else if (n.multipleOf === undefined) rule = "constraint-relaxed";
    else if (Number.isInteger(n.multipleOf / o.multipleOf)) rule = "constraint-narrowed";
    else if (Number.isInteger(o.multipleOf / n.multipleOf)) rule = "constraint-relaxed";
    add(
      rule,
      `${role} constraint multipleOf changed (${o.multipleOf ?? "none"} to ${n.multipleOf ?? "none"})`,
      `${here}/multipleOf`,
    );
  }

  // Defaults, access, deprecation.
  if (!same(o.default, n.default))
    add(
      "default-changed",
      `${role} default changed from ${JSON.stringify(o.default) ?? "none"} to ${JSON.stringify(n.default) ?? "none"}`,
      `${here}/default`,
    );
  if (Boolean(o.readOnly) !== Boolean(n.readOnly) || Boolean(o.writeOnly) !== Boolean(n.writeOnly))
    add("access-changed", `${role} readOnly/writeOnly changed`);
  if (!o.deprecated && n.deprecated) add("deprecated", `${role} schema deprecated`, `${here}/deprecated`);

  // additionalProperties: absent and true are the same (open).
  const ap = (/** @type {any} */ s) =>
    s.additionalProperties === false
      ? "closed"
      : s.additionalProperties && typeof s.additionalProperties === "object"
        ? "schema"
        : "open";
  const oa = ap(o);
  const na = ap(n);
  const apPtr = `${here}/additionalProperties`;
  if (oa === "schema" && na === "schema")
    compareSchema(
      ctx,
      o.additionalProperties,
      n.additionalProperties,
      dir,
      `${a.pointer}/additionalProperties`,
      apPtr,
    );
  else if (oa !== na) {
    const msg = `${role} additionalProperties changed from ${oa} to ${na}`;
    if (oa === "open") add("additional-closed", msg, apPtr);
    else if (oa === "closed") add("additional-opened", msg, apPtr);
    else if (na === "open") add("additional-removed", msg, apPtr);
    else add(dir === "in" ? "additional-closed" : "additional-removed", msg, apPtr);
  }

  if (o.items || n.items)
    compareSchema(ctx, o.items ?? {}, n.items ?? {}, dir, `${a.pointer}/items`, `${here}/items`);

  // Properties. "Required" is what the generated type says: listed in `required`, or (in a
  // schema not written inline in a request body or parameter) a property with a `default`.
  const oProps = obj(o.properties);
  const nProps = obj(n.properties);
  const typedRequired = (/** @type {any} */ s, /** @type {string} */ ptr, /** @type {string} */ name) => {
    if (arr(s.required).includes(name)) return true;
    const prop = s.properties?.[name];
    const inline = /\/(parameters|requestBody|requestBodies)(\/|$)/.test(ptr);
    return !inline && prop && typeof prop === "object" && prop.default !== undefined;
  };
  const propPtr = (/** @type {any} */ s, /** @type {string} */ base, /** @type {string} */ name) =>
    s[PTRS]?.get(name) ?? `${base}/properties/${esc(name)}`;
  for (const name of Object.keys(oProps)) {
    const ptr = propPtr(n, here, name);
    if (!(name in nProps)) {
      add("property-removed", `${role} property ${name} removed`, propPtr(o, here, name));
      continue;
    }
    const wasReq = typedRequired(o, a.pointer, name);
    const isReq = typedRequired(n, b.pointer, name);
    if (!wasReq && isReq)
      add(
        "property-required",
        dir === "out"
          ? `response property ${name} is now always present`
          : `${role} property ${name} is newly required`,
        ptr,
      );
    if (wasReq && !isReq)
      add(
        "property-optional",
        dir === "out"
          ? `response property ${name} made optional`
          : `${role} property ${name} is now optional`,
        ptr,
      );
    compareSchema(ctx, oProps[name], nProps[name], dir, propPtr(o, a.pointer, name), ptr);
  }
  for (const name of Object.keys(nProps)) {
    if (name in oProps) continue;
    const ptr = propPtr(n, here, name);
    const req = typedRequired(n, b.pointer, name);
    if (dir === "out")
      add(
        req ? "property-added-required" : "property-added-optional",
        `response property ${name} added`,
        ptr,
      );
    else
      add(
        req ? "property-added-required" : "property-added-optional",
        `${role} property ${name} added${req ? " as required" : " (optional)"}`,
        ptr,
      );
  }
}

/**
 * Matches `oneOf`/`anyOf` variants (same `$ref`, same content, then the one of the same type)
 * and compares matched pairs; the rest were added or removed.
 * @param {Ctx} ctx
 * @param {{ schema: any, raw: any, pointer: string }[]} olds
 * @param {{ schema: any, raw: any, pointer: string }[]} news
 * @param {Dir} dir
 * @param {(rule: string, message: string, pointer?: string) => void} add
 * @param {string} role
 */
function compareVariants(ctx, olds, news, dir, add, role) {
  const left = new Set(olds.map((_, i) => i));
  const right = new Set(news.map((_, i) => i));
  /** @type {[number, number][]} */
  const pairs = [];
  const pair = (/** @type {(x: any, y: any) => boolean} */ fits) => {
    for (const i of [...left]) {
      for (const j of [...right]) {
        if (left.has(i) && right.has(j) && fits(olds[i], news[j])) {
          pairs.push([i, j]);
          left.delete(i);
          right.delete(j);
        }
      }
    }
  };
  pair((x, y) => typeof x.raw?.$ref === "string" && x.raw.$ref === y.raw?.$ref);
  const text = (/** @type {any} */ doc, /** @type {any} */ v) =>
    canonicalText(doc, v.schema, { docs: false });
  pair((x, y) => text(ctx.oldDoc, x) === text(ctx.newDoc, y));
  const sig = (/** @type {any} */ doc, /** @type {any} */ v) => {
    const t = typesOf(view(doc, v.schema, v.pointer).s);
    return t
      ? [...t]
          .filter((x) => x !== "null")
          .sort()
          .join("|")
      : "any";
  };
  const unique = (
    /** @type {any} */ doc,
    /** @type {Set<number>} */ set,
    /** @type {any[]} */ list,
    /** @type {string} */ s,
  ) => [...set].filter((k) => sig(doc, list[k]) === s).length === 1;
  pair(
    (x, y) =>
      sig(ctx.oldDoc, x) === sig(ctx.newDoc, y) &&
      unique(ctx.oldDoc, left, olds, sig(ctx.oldDoc, x)) &&
      unique(ctx.newDoc, right, news, sig(ctx.newDoc, y)),
  );
  if (left.size === 1 && right.size === 1) pair(() => true);
  for (const [i, j] of pairs) {
    const x = /** @type {any} */ (olds[i]);
    const y = /** @type {any} */ (news[j]);
    compareSchema(ctx, x.schema, y.schema, dir, x.pointer, y.pointer);
  }
  const name = (/** @type {any} */ v) =>
    typeof v.raw?.$ref === "string" ? v.raw.$ref.split("/").pop() : v.pointer.split("/").slice(-2).join("/");
  for (const i of left)
    add("variant-removed", `${role} variant ${name(olds[i])} removed`, /** @type {any} */ (olds[i]).pointer);
  for (const j of right)
    add("variant-added", `${role} variant ${name(news[j])} added`, /** @type {any} */ (news[j]).pointer);
}
