// @ts-check
/**
 * Why this file exists: a spec update from HubSpot must reach users as the right semver bump.
 * This compares two versions of a spec (after overlays, i.e. what the generated types show) and
 * classifies every change as a reviewer of a public SDK would: major, minor or patch.
 */

import { compareSchema, esc, same } from "./schema-diff.mjs";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
export const LEVELS = /** @type {const} */ (["none", "patch", "minor", "major"]);

/** @typedef {"patch" | "minor" | "major"} Level */
/** @typedef {{ level: Level, where: string, pointer: string, message: string }} Change */

/** @param {Level | "none"} a @param {Level | "none"} b */
export const maxLevel = (a, b) => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);

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
