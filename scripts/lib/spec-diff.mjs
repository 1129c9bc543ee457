// @ts-check
/**
 * Why this file exists: a spec update from HubSpot must reach users as the right semver bump.
 * This compares two versions of a spec (after overlays, i.e. what the generated types show) and
 * classifies every change as a reviewer of a public SDK would: major, minor or patch. Which
 * change is which level is written once, in spec-rules.mjs (and the README's table).
 *
 * What is compared is what a consumer compiles against: operation names (`paths` keys and
 * methods), exported schema names (one type alias per component schema), and each operation's
 * shape (parameters, request body, responses, security), with every `$ref` resolved and ordering
 * ignored. Only when none of that changed does any other difference count: documentation, a patch.
 */
import { schemaAliases } from "./render-package.mjs";
import { compareSchema, same } from "./schema-diff.mjs";
import {
  arr,
  canonicalDocument,
  canonicalText,
  deref,
  esc,
  obj,
  operationsOf,
  reachable,
} from "./spec-normalize.mjs";
import { levelOf } from "./spec-rules.mjs";

export const LEVELS = /** @type {const} */ (["none", "patch", "minor", "major"]);

/** @typedef {"patch" | "minor" | "major"} Level */
/** @typedef {{ level: Level, where: string, pointer: string, message: string, rule?: string }} Change */

/** @param {Level | "none"} a @param {Level | "none"} b */
export const maxLevel = (a, b) => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

/** `application/json`, `application/json; charset=UTF-8` and `Application/JSON` are one type. @param {string} m */
const media = (m) =>
  m
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/;charset=[^;]*/g, "");

/** @param {any} doc @param {any} content @param {string} ptr */
function contentOf(doc, content, ptr) {
  /** @type {Map<string, { schema: any, pointer: string, key: string }>} */
  const out = new Map();
  for (const [key, value] of Object.entries(obj(content))) {
    const v = /** @type {any} */ (value);
    out.set(media(key), { schema: v?.schema ?? {}, pointer: `${ptr}/content/${esc(key)}/schema`, key });
  }
  return out;
}

/** Success responses fill `data`; every other one `error`. @param {string} code */
const bucket = (code) => (/^2/.test(code) ? "success" : "error");

/** The bodies a response can carry (canonical, documentation left out); `none` for no content. @param {any} doc @param {any} res */
function bodies(doc, res) {
  const content = Object.values(obj(res?.content));
  if (content.length === 0) return ["none"];
  return content.map((m) => canonicalText(doc, /** @type {any} */ (m)?.schema ?? {}, { docs: false }));
}

/** Effective security of an operation, as a set of alternatives (`{}`: anonymous). @param {any} doc @param {any} op */
function securityOf(doc, op) {
  const reqs = arr(op.security ?? doc.security);
  if (reqs.length === 0) return new Set(["{}"]);
  return new Set(
    reqs.map((/** @type {Record<string, string[]>} */ r) =>
      Object.keys(obj(r)).length === 0
        ? "{}"
        : JSON.stringify(
            Object.keys(r)
              .sort()
              .map((k) => [k, [...arr(r[k])].sort()]),
          ),
    ),
  );
}

/** `in` values' default `style`, and `explode`'s default for a style. @param {any} p */
const serialization = (p) => {
  const style = p.style ?? (p.in === "query" || p.in === "cookie" ? "form" : "simple");
  return { style, explode: p.explode ?? style === "form", allowReserved: Boolean(p.allowReserved) };
};

/**
 * Every change between two specs, each with its rule, level, operation and JSON pointer.
 * @param {any} oldDoc @param {any} newDoc
 * @returns {{ level: Level | "none", changes: Change[] }}
 */
export function diffSpecs(oldDoc, newDoc) {
  /** @type {Change[]} */
  const changes = [];
  const report = (
    /** @type {string} */ rule,
    /** @type {"in" | "out" | "both"} */ dir,
    /** @type {string} */ where,
    /** @type {string} */ pointer,
    /** @type {string} */ message,
  ) => changes.push({ level: levelOf(rule, dir), rule, where, pointer: `#${pointer}`, message });

  const before = operationsOf(oldDoc);
  const after = operationsOf(newDoc);
  for (const [name, { pointer }] of before)
    if (!after.has(name)) report("operation-removed", "both", name, pointer, "operation removed");
  for (const [name, { pointer }] of after)
    if (!before.has(name)) report("operation-added", "both", name, pointer, "operation added");

  // Exported names: one type alias per component schema.
  diffSchemaNames(oldDoc, newDoc, report);

  /** @type {Set<string>} */
  const reachedOld = new Set();
  /** @type {Set<string>} */
  const reachedNew = new Set();
  for (const [name, o] of before) {
    const n = after.get(name);
    if (!n) continue;
    reachable(oldDoc, { op: o.op, params: [...o.params.values()].map((p) => p.param) }, reachedOld);
    reachable(newDoc, { op: n.op, params: [...n.params.values()].map((p) => p.param) }, reachedNew);
    diffOperation(oldDoc, newDoc, name, o, n, changes, report);
  }

  // A schema no common operation reaches in both versions is still an exported type: compare it
  // for both directions.
  const oSchemas = obj(oldDoc.components?.schemas);
  const nSchemas = obj(newDoc.components?.schemas);
  const aliases = new Map(schemaAliases(newDoc));
  for (const name of Object.keys(oSchemas)) {
    if (!(name in nSchemas)) continue;
    const ptr = `/components/schemas/${esc(name)}`;
    if (reachedOld.has(ptr) && reachedNew.has(ptr)) continue;
    compareSchema(
      { oldDoc, newDoc, changes, where: `type ${aliases.get(name) ?? name}`, seen: new Set() },
      oSchemas[name],
      nSchemas[name],
      "both",
      ptr,
      ptr,
    );
  }

  if (changes.length === 0 && canonicalDocument(oldDoc) !== canonicalDocument(newDoc)) {
    changes.push({
      level: "patch",
      rule: "docs",
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

/**
 * Component schemas removed (or renamed: the same content under another name) and added.
 * @param {any} oldDoc @param {any} newDoc @param {(rule: string, dir: "both", where: string, pointer: string, message: string) => void} report
 */
function diffSchemaNames(oldDoc, newDoc, report) {
  const oAlias = new Map(schemaAliases(oldDoc));
  const nAlias = new Map(schemaAliases(newDoc));
  const oNames = Object.keys(obj(oldDoc.components?.schemas));
  const nNames = Object.keys(obj(newDoc.components?.schemas));
  const label = (/** @type {Map<string, string>} */ aliases, /** @type {string} */ name) => {
    const alias = aliases.get(name);
    return alias
      ? `exported type ${alias}${alias === name ? "" : ` (schema ${name})`}`
      : `components["schemas"]["${name}"]`;
  };
  const text = (/** @type {any} */ doc, /** @type {string} */ name) =>
    canonicalText(doc, { $ref: `#/components/schemas/${esc(name)}` }, { docs: false });
  const added = nNames.filter((n) => !oNames.includes(n));
  const renamedTo = new Set();
  for (const name of oNames) {
    if (nNames.includes(name)) {
      if (oAlias.get(name) !== nAlias.get(name))
        report(
          "schema-removed",
          "both",
          "exports",
          `/components/schemas/${esc(name)}`,
          `${label(oAlias, name)} renamed to ${label(nAlias, name)}`,
        );
      continue;
    }
    const twin = added.find((n) => !renamedTo.has(n) && text(oldDoc, name) === text(newDoc, n));
    if (twin) {
      renamedTo.add(twin);
      report(
        "schema-removed",
        "both",
        "exports",
        `/components/schemas/${esc(twin)}`,
        `${label(oAlias, name)} renamed to ${label(nAlias, twin)} (same schema)`,
      );
    } else
      report(
        "schema-removed",
        "both",
        "exports",
        `/components/schemas/${esc(name)}`,
        `${label(oAlias, name)} removed`,
      );
  }
  for (const name of added)
    if (!renamedTo.has(name))
      report(
        "schema-added",
        "both",
        "exports",
        `/components/schemas/${esc(name)}`,
        `${label(nAlias, name)} added`,
      );
}

/**
 * @param {any} oldDoc @param {any} newDoc @param {string} name
 * @param {ReturnType<typeof operationsOf> extends Map<any, infer V> ? V : never} o
 * @param {ReturnType<typeof operationsOf> extends Map<any, infer V> ? V : never} n
 * @param {Change[]} changes
 * @param {(rule: string, dir: "in" | "out" | "both", where: string, pointer: string, message: string) => void} report
 */
function diffOperation(oldDoc, newDoc, name, o, n, changes, report) {
  const base = n.pointer;
  const ctx = { oldDoc, newDoc, changes, where: name, seen: new Set() };
  const r = (
    /** @type {string} */ rule,
    /** @type {"in" | "out" | "both"} */ dir,
    /** @type {string} */ pointer,
    /** @type {string} */ message,
  ) => report(rule, dir, name, pointer, message);

  if (!o.op.deprecated && n.op.deprecated)
    r("deprecated", "both", `${base}/deprecated`, "operation deprecated");

  // Parameters.
  const moved = new Set();
  for (const [k, { param: p, pointer }] of n.params) {
    if (o.params.has(k)) continue;
    const twin = [...o.params.entries()].find(
      ([ok, { param: q }]) => q.name === p.name && q.in !== p.in && !n.params.has(ok),
    );
    if (twin) {
      moved.add(twin[0]);
      r("parameter-moved", "in", pointer, `parameter ${p.name} moved from ${twin[1].param.in} to ${p.in}`);
      continue;
    }
    const req = p.required === true || p.in === "path";
    r(
      req ? "parameter-added-required" : "parameter-added-optional",
      "in",
      pointer,
      `parameter ${k} added${req ? " as required" : " (optional)"}`,
    );
  }
  for (const [k, { pointer }] of o.params)
    if (!n.params.has(k) && !moved.has(k)) r("parameter-removed", "in", pointer, `parameter ${k} removed`);
  for (const [k, { param: np, pointer }] of n.params) {
    const old = o.params.get(k);
    if (!old) continue;
    const op = old.param;
    const wasReq = op.required === true || op.in === "path";
    const isReq = np.required === true || np.in === "path";
    if (!wasReq && isReq)
      r("parameter-required", "in", `${pointer}/required`, `parameter ${k} is newly required`);
    if (wasReq && !isReq)
      r("parameter-optional", "in", `${pointer}/required`, `parameter ${k} is now optional`);
    if (!same(serialization(op), serialization(np)))
      r(
        "parameter-serialization",
        "in",
        pointer,
        `parameter ${k} serialization changed (style/explode/allowReserved)`,
      );
    if (!op.deprecated && np.deprecated)
      r("deprecated", "in", `${pointer}/deprecated`, `parameter ${k} deprecated`);
    const schemaOf = (/** @type {any} */ p, /** @type {string} */ ptr) => {
      if (p.schema) return { schema: p.schema, pointer: `${ptr}/schema` };
      const [key, m] = Object.entries(obj(p.content))[0] ?? [];
      return key
        ? { schema: /** @type {any} */ (m)?.schema ?? {}, pointer: `${ptr}/content/${esc(key)}/schema` }
        : { schema: {}, pointer: `${ptr}/schema` };
    };
    const os = schemaOf(op, old.pointer);
    const ns = schemaOf(np, pointer);
    compareSchema(ctx, os.schema, ns.schema, "in", os.pointer, ns.pointer);
  }

  // Request body.
  const ob = deref(oldDoc, o.op.requestBody, `${o.pointer}/requestBody`);
  const nb = deref(newDoc, n.op.requestBody, `${base}/requestBody`);
  const hasO = Boolean(o.op.requestBody);
  const hasN = Boolean(n.op.requestBody);
  if (!hasO && hasN)
    r(
      nb.node.required ? "body-added-required" : "body-added-optional",
      "in",
      nb.pointer,
      `request body added${nb.node.required ? " as required" : ""}`,
    );
  else if (hasO && !hasN) r("body-removed", "in", `${base}/requestBody`, "request body removed");
  else if (hasO && hasN) {
    if (!ob.node.required && nb.node.required)
      r("body-required", "in", `${nb.pointer}/required`, "request body is newly required");
    if (ob.node.required && !nb.node.required)
      r("body-optional", "in", `${nb.pointer}/required`, "request body is now optional");
    const oc = contentOf(oldDoc, ob.node.content, ob.pointer);
    const nc = contentOf(newDoc, nb.node.content, nb.pointer);
    for (const [m, v] of nc) {
      const old = oc.get(m);
      if (old) compareSchema(ctx, old.schema, v.schema, "in", old.pointer, v.pointer);
      else
        r("media-added", "in", `${nb.pointer}/content/${esc(v.key)}`, `request content type ${v.key} added`);
    }
    for (const [m, v] of oc)
      if (!nc.has(m))
        r(
          "media-removed",
          "in",
          `${nb.pointer}/content/${esc(v.key)}`,
          `request content type ${v.key} removed`,
        );
  }

  // Responses.
  const oResponses = obj(o.op.responses);
  const nResponses = obj(n.op.responses);
  /** @type {Record<string, Set<string>>} */
  const oldUnion = { success: new Set(), error: new Set() };
  for (const [code, raw] of Object.entries(oResponses))
    for (const b of bodies(oldDoc, deref(oldDoc, raw, "").node)) oldUnion[bucket(code)]?.add(b);
  for (const [code, raw] of Object.entries(oResponses)) {
    const ptr = `${base}/responses/${esc(code)}`;
    if (!(code in nResponses)) {
      r("response-removed", "out", `${o.pointer}/responses/${esc(code)}`, `response ${code} removed`);
      continue;
    }
    const or = deref(oldDoc, raw, `${o.pointer}/responses/${esc(code)}`);
    const nr = deref(newDoc, nResponses[code], ptr);
    const oc = contentOf(oldDoc, or.node.content, or.pointer);
    const nc = contentOf(newDoc, nr.node.content, nr.pointer);
    if (oc.size && !nc.size)
      r("response-body-removed", "out", nr.pointer, `response ${code} no longer has a body`);
    else if (!oc.size && nc.size)
      r("response-body-added", "out", nr.pointer, `response ${code} now has a body`);
    else {
      const oTexts = new Set([...oc.values()].map((v) => canonicalText(oldDoc, v.schema, { docs: false })));
      const nTexts = new Set([...nc.values()].map((v) => canonicalText(newDoc, v.schema, { docs: false })));
      for (const [m, v] of nc) {
        const old = oc.get(m);
        if (old) compareSchema(ctx, old.schema, v.schema, "out", old.pointer, v.pointer);
        else {
          const known = oTexts.has(canonicalText(newDoc, v.schema, { docs: false }));
          r(
            known ? "media-added" : "media-added-new-body",
            "out",
            `${nr.pointer}/content/${esc(v.key)}`,
            `response ${code} content type ${v.key} added${known ? "" : " with another schema"}`,
          );
        }
      }
      for (const [m, v] of oc) {
        if (nc.has(m)) continue;
        const kept = nTexts.has(canonicalText(oldDoc, v.schema, { docs: false }));
        r(
          kept ? "media-replaced" : "media-removed",
          "out",
          `${nr.pointer}/content/${esc(v.key)}`,
          `response ${code} content type ${v.key} removed${kept ? " (same schema under another type)" : ""}`,
        );
      }
    }
    // Headers.
    const heads = (/** @type {any} */ doc, /** @type {any} */ res, /** @type {string} */ p) =>
      new Map(
        Object.entries(obj(res.headers)).map(([h, raw]) => {
          const d = deref(doc, raw, `${p}/headers/${esc(h)}`);
          return [h.toLowerCase(), { header: d.node, pointer: d.pointer, name: h }];
        }),
      );
    const oh = heads(oldDoc, or.node, or.pointer);
    const nh = heads(newDoc, nr.node, nr.pointer);
    for (const [h, v] of nh) {
      const old = oh.get(h);
      if (!old) r("header-added", "out", v.pointer, `response ${code} header ${v.name} added`);
      else
        compareSchema(
          ctx,
          old.header.schema ?? {},
          v.header.schema ?? {},
          "out",
          `${old.pointer}/schema`,
          `${v.pointer}/schema`,
        );
    }
    for (const [h, v] of oh)
      if (!nh.has(h))
        r(
          "header-removed",
          "out",
          `${nr.pointer}/headers/${esc(v.name)}`,
          `response ${code} header ${v.name} removed`,
        );
  }
  for (const [code, raw] of Object.entries(nResponses)) {
    if (code in oResponses) continue;
    const union = oldUnion[bucket(code)] ?? new Set();
    const fresh = bodies(newDoc, deref(newDoc, raw, "").node).filter((b) => !union.has(b));
    // A union of bodiless answers only (a 204) typed `data` as nothing: a body added to it breaks no reader.
    const known = fresh.length === 0 || ![...union].some((b) => b !== "none");
    r(
      known ? "response-added" : "response-added-new-body",
      "out",
      `${base}/responses/${esc(code)}`,
      `response ${code} added${known ? "" : ` with a body new to the ${bucket(code) === "success" ? "data" : "error"} union`}`,
    );
  }

  // Security: which ways to authenticate are accepted.
  const os = securityOf(oldDoc, o.op);
  const ns = securityOf(newDoc, n.op);
  const sPtr = n.op.security ? `${base}/security` : "/security";
  const show = (/** @type {string} */ s) =>
    s === "{}"
      ? "anonymous"
      : JSON.parse(s)
          .map((/** @type {any} */ [k, sc]) => (sc.length ? `${k} (${sc.join(", ")})` : k))
          .join(" + ");
  for (const s of os)
    if (!ns.has(s)) r("security-removed", "both", sPtr, `security requirement ${show(s)} removed`);
  for (const s of ns)
    if (!os.has(s)) r("security-added", "both", sPtr, `security requirement ${show(s)} added`);
}
