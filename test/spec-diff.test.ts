/** Every classification rule of the spec diff, as a fixture pair: the base spec and a mutation. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../scripts/lib/spec-diff.mjs";
import { ROOT } from "./helpers/specs.js";

const base = JSON.parse(readFileSync(join(ROOT, "test/fixtures/spec-diff/base.json"), "utf8"));
const S = (doc: any) => doc.components.schemas;
const upsert = (doc: any) => doc.paths["/x/events/upsert"].post;

const cases: {
  rule: string;
  level: "major" | "minor" | "patch" | "none";
  message: RegExp;
  pointer?: string;
  mutate: (doc: any) => void;
}[] = [
  // major
  {
    rule: "operation removed",
    level: "major",
    message: /operation removed/,
    pointer: "#/paths/~1x~1events~1{id}/get",
    mutate: (d) => delete d.paths["/x/events/{id}"],
  },
  {
    rule: "path removed (with its operation)",
    level: "major",
    message: /operation removed/,
    mutate: (d) => {
      d.paths["/y/events/{id}"] = d.paths["/x/events/{id}"];
      delete d.paths["/x/events/{id}"];
    },
  },
  {
    rule: "response property removed",
    level: "major",
    message: /response property extra removed/,
    pointer: "#/components/schemas/Output/properties/extra",
    mutate: (d) => delete S(d).Output.properties.extra,
  },
  {
    rule: "response property made optional",
    level: "major",
    message: /response property status made optional/,
    mutate: (d) => (S(d).Output.required = ["id"]),
  },
  {
    rule: "request property newly required",
    level: "major",
    message: /request property note is newly required/,
    mutate: (d) => S(d).Input.required.push("note"),
  },
  {
    rule: "request property added as required",
    level: "major",
    message: /request property source added as required/,
    mutate: (d) => {
      S(d).Input.properties.source = { type: "string" };
      S(d).Input.required.push("source");
    },
  },
  {
    rule: "type changed",
    level: "major",
    message: /request type changed from integer to string/,
    pointer: "#/components/schemas/Input/properties/count",
    mutate: (d) => (S(d).Input.properties.count.type = "string"),
  },
  {
    rule: "type narrowed (format added)",
    level: "major",
    message: /format changed from none to date-time/,
    mutate: (d) => (S(d).Input.properties.note.format = "date-time"),
  },
  {
    rule: "type narrowed (enum added)",
    level: "major",
    message: /narrowed to an enum/,
    mutate: (d) => (S(d).Input.properties.note.enum = ["x"]),
  },
  {
    rule: "type narrowed (maxLength added)",
    level: "major",
    message: /constraint maxLength changed/,
    mutate: (d) => (S(d).Input.properties.note.maxLength = 10),
  },
  {
    rule: "enum value removed from a request",
    level: "major",
    message: /request enum value\(s\) removed: B/,
    mutate: (d) => (S(d).Input.properties.kind.enum = ["A"]),
  },
  {
    rule: "enum value added to a response",
    level: "major",
    message: /response enum value\(s\) added: PENDING/,
    mutate: (d) => S(d).Output.properties.status.enum.push("PENDING"),
  },
  {
    rule: "response removed",
    level: "major",
    message: /response default removed/,
    mutate: (d) => delete upsert(d).responses.default,
  },
  {
    rule: "required parameter added",
    level: "major",
    message: /parameter query:portalId added as required/,
    mutate: (d) =>
      d.paths["/x/events/{id}"].get.parameters.push({
        name: "portalId",
        in: "query",
        required: true,
        schema: { type: "string" },
      }),
  },
  // minor
  {
    rule: "operation added",
    level: "minor",
    message: /operation added/,
    mutate: (d) => (d.paths["/x/events/{id}"].delete = { responses: { 204: { description: "gone" } } }),
  },
  {
    rule: "optional request property added",
    level: "minor",
    message: /request property source added \(optional\)/,
    mutate: (d) => (S(d).Input.properties.source = { type: "string" }),
  },
  {
    rule: "response property added",
    level: "minor",
    message: /response property createdAt added/,
    mutate: (d) => (S(d).Output.properties.createdAt = { type: "string", format: "date-time" }),
  },
  {
    rule: "enum value added to a request",
    level: "minor",
    message: /request enum value\(s\) added: C/,
    mutate: (d) => S(d).Input.properties.kind.enum.push("C"),
  },
  {
    rule: "enum value removed from a response",
    level: "minor",
    message: /response enum value\(s\) removed: FAIL/,
    mutate: (d) => (S(d).Output.properties.status.enum = ["OK"]),
  },
  {
    rule: "request property made optional",
    level: "minor",
    message: /request property id is now optional/,
    mutate: (d) => (S(d).Input.required = []),
  },
  {
    rule: "response status added",
    level: "minor",
    message: /response 207 added/,
    mutate: (d) =>
      (upsert(d).responses["207"] = {
        description: "partial",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Output" } } },
      }),
  },
  // patch
  {
    rule: "description changed",
    level: "patch",
    message: /documentation changed/,
    mutate: (d) => (S(d).Input.properties.id.description = "The identifier."),
  },
  {
    rule: "example changed",
    level: "patch",
    message: /documentation changed/,
    mutate: (d) => (upsert(d).requestBody.content["application/json"].example = { id: "b" }),
  },
  {
    rule: "summary changed",
    level: "patch",
    message: /documentation changed/,
    mutate: (d) => (upsert(d).summary = "Create or update"),
  },
  // none
  { rule: "nothing changed", level: "none", message: /^$/, mutate: () => {} },
];

describe("spec diff", () => {
  it.each(cases)("$rule → $level", ({ level, message, pointer, mutate }) => {
    const next = structuredClone(base);
    mutate(next);
    const diff = diffSpecs(base, next);
    expect(diff.level).toBe(level);
    if (level === "none") {
      expect(diff.changes).toEqual([]);
      return;
    }
    const match = diff.changes.find((c) => message.test(c.message));
    expect(match, JSON.stringify(diff.changes, null, 2)).toBeDefined();
    expect(match?.level).toBe(level);
    if (pointer) expect(match?.pointer).toBe(pointer);
  });

  it("reports a component change once, naming every operation it reaches", () => {
    const next = structuredClone(base);
    delete S(next).Output.properties.extra;
    const diff = diffSpecs(base, next);
    expect(diff.changes).toHaveLength(1);
    expect(diff.changes[0]?.where).toBe("POST /x/events/upsert, GET /x/events/{id}");
  });

  it("takes the highest level of several changes", () => {
    const next = structuredClone(base);
    S(next).Input.properties.source = { type: "string" };
    S(next).Output.properties.status.enum.push("PENDING");
    expect(diffSpecs(base, next).level).toBe("major");
  });
});
