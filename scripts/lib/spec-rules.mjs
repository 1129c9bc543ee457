// @ts-check
/**
 * Why this file exists: the semver rules of the spec diff, written down once. Every change the
 * diff reports names one of these rules; the level comes from here and nowhere else. The README's
 * "Releasing" table is this table (test/spec-diff-rules.test.ts checks they are the same).
 *
 * Direction: a request schema says what a caller may send, a response schema what a caller may
 * rely on. A request may accept more (relaxed) without a major; a response may promise more
 * (narrowed: fewer values, more guarantees) without a major. The opposite directions break
 * callers. A schema reached from both (or from no operation, only through its exported alias)
 * takes the higher of the two levels.
 */

/** @typedef {"patch" | "minor" | "major"} Level */
/** @typedef {{ id: string, change: string, request: Level, response: Level, why: string }} Rule */

/** @type {Rule[]} */
export const RULES = [
  // The public TypeScript surface: names.
  {
    id: "operation-removed",
    change: "operation (path + method) removed, or its path renamed (a path parameter renamed too)",
    request: "major",
    response: "major",
    why: "`paths` keys are the names callers write: `client.GET(path)` no longer compiles",
  },
  {
    id: "operation-added",
    change: "operation added",
    request: "minor",
    response: "minor",
    why: "new API",
  },
  {
    id: "schema-removed",
    change: "component schema removed or renamed (even with identical JSON)",
    request: "major",
    response: "major",
    why: "its exported type alias (`components.schemas` key) disappears",
  },
  {
    id: "schema-added",
    change: "component schema added (also an inline schema moved to a component)",
    request: "minor",
    response: "minor",
    why: "a new exported type alias",
  },
  // Parameters (requests only).
  {
    id: "parameter-added-required",
    change: "required parameter added",
    request: "major",
    response: "major",
    why: "existing calls lack it",
  },
  {
    id: "parameter-added-optional",
    change: "optional parameter added",
    request: "minor",
    response: "minor",
    why: "new API",
  },
  {
    id: "parameter-removed",
    change: "parameter removed",
    request: "major",
    response: "major",
    why: "calls passing it no longer compile",
  },
  {
    id: "parameter-moved",
    change: "parameter moved to another location (`query` to `header`, ...)",
    request: "major",
    response: "major",
    why: "it is passed under another key of `params`",
  },
  {
    id: "parameter-required",
    change: "parameter made required",
    request: "major",
    response: "major",
    why: "calls without it no longer compile",
  },
  {
    id: "parameter-optional",
    change: "parameter made optional",
    request: "minor",
    response: "minor",
    why: "relaxed",
  },
  {
    id: "parameter-serialization",
    change: "parameter `style`, `explode` or `allowReserved` changed",
    request: "major",
    response: "major",
    why: "the server expects another wire format",
  },
  // Request bodies.
  {
    id: "body-added-required",
    change: "required request body added",
    request: "major",
    response: "major",
    why: "existing calls send none",
  },
  {
    id: "body-added-optional",
    change: "optional request body added",
    request: "minor",
    response: "minor",
    why: "new API",
  },
  {
    id: "body-removed",
    change: "request body removed",
    request: "major",
    response: "major",
    why: "calls passing `body` no longer compile",
  },
  {
    id: "body-required",
    change: "request body made required",
    request: "major",
    response: "major",
    why: "calls without it no longer compile",
  },
  {
    id: "body-optional",
    change: "request body made optional",
    request: "minor",
    response: "minor",
    why: "relaxed",
  },
  // Responses and content types.
  {
    id: "response-added",
    change:
      "response code added whose body is already in its union (the success `data` union or the error union), or to an empty union",
    request: "minor",
    response: "minor",
    why: "the typed `data`/`error` stays the same",
  },
  {
    id: "response-added-new-body",
    change: "response code added with a body new to its union (e.g. a 207 with another schema than the 200)",
    request: "major",
    response: "major",
    why: "`data` (or `error`) becomes a wider union: code reading it no longer compiles",
  },
  {
    id: "response-removed",
    change: "response code removed",
    request: "major",
    response: "major",
    why: "callers branch on the status; the last success code removed leaves no `data`",
  },
  {
    id: "response-body-removed",
    change: "response no longer has a body",
    request: "major",
    response: "major",
    why: "`data` is gone",
  },
  {
    id: "response-body-added",
    change: "response that had no body now has one",
    request: "minor",
    response: "minor",
    why: "nothing to read before",
  },
  {
    id: "media-added",
    change: "content type added (in a response: with a schema already there)",
    request: "minor",
    response: "minor",
    why: "a request may accept more; the response's typed body is unchanged",
  },
  {
    id: "media-added-new-body",
    change: "response content type added with another schema",
    request: "major",
    response: "major",
    why: "the typed body becomes a wider union",
  },
  {
    id: "media-removed",
    change: "content type removed (in a response: its schema not under another type)",
    request: "major",
    response: "major",
    why: "the client sends JSON; a response loses the body callers read",
  },
  {
    id: "media-replaced",
    change:
      "response content type removed, the same schema still under another type (`*/*` to `application/json`)",
    request: "major",
    response: "minor",
    why: "the typed body is unchanged",
  },
  {
    id: "header-added",
    change: "response header added",
    request: "minor",
    response: "minor",
    why: "new information",
  },
  {
    id: "header-removed",
    change: "response header removed",
    request: "major",
    response: "major",
    why: "callers reading it get nothing",
  },
  // Schemas: directional.
  {
    id: "property-added-optional",
    change: "optional property added",
    request: "minor",
    response: "minor",
    why: "callers may ignore it (a response may always carry more fields)",
  },
  {
    id: "property-added-required",
    change: "required property added",
    request: "major",
    response: "minor",
    why: "existing requests lack it; a response just carries more",
  },
  {
    id: "property-removed",
    change: "property removed",
    request: "major",
    response: "major",
    why: "requests setting it no longer compile (and `exact`/the bulk pre-check refuse it); readers lose it",
  },
  {
    id: "property-required",
    change:
      "property made required (also: a `default` added in a component schema, which the generated type makes non-optional)",
    request: "major",
    response: "minor",
    why: "requests must now send it; responses promise more",
  },
  {
    id: "property-optional",
    change: "property made optional",
    request: "minor",
    response: "major",
    why: "requests may omit it; readers must now handle its absence",
  },
  {
    id: "type-changed",
    change: "type changed to an unrelated one (`string` to `integer`)",
    request: "major",
    response: "major",
    why: "incompatible both ways",
  },
  {
    id: "type-narrowed",
    change:
      "type narrowed (`number` to `integer`, a type set on an untyped schema, a type dropped from a list)",
    request: "major",
    response: "minor",
    why: "fewer values",
  },
  {
    id: "type-widened",
    change: "type widened (`integer` to `number`, the type removed, a type added to a list)",
    request: "minor",
    response: "major",
    why: "more values",
  },
  {
    id: "nullable-added",
    change: "`null` allowed",
    request: "minor",
    response: "major",
    why: "readers must handle `null`",
  },
  {
    id: "nullable-removed",
    change: "`null` no longer allowed",
    request: "major",
    response: "minor",
    why: "requests sending `null` fail",
  },
  {
    id: "format-narrowed",
    change: "format added or made stricter (`int64` to `int32`)",
    request: "major",
    response: "minor",
    why: "the bulk pre-check refuses values it accepted",
  },
  {
    id: "format-relaxed",
    change: "format removed or made looser (`int32` to `int64`)",
    request: "minor",
    response: "major",
    why: "readers parsing the format (a date) may fail",
  },
  {
    id: "format-changed",
    change: "format changed to an unrelated one (`date` to `date-time`)",
    request: "major",
    response: "major",
    why: "incompatible both ways",
  },
  {
    id: "enum-value-added",
    change: "enum value added",
    request: "minor",
    response: "major",
    why: "literal unions: an exhaustive `switch` stops compiling, code mapping every value meets one it does not know (see `open-enum-value`)",
  },
  {
    id: "enum-value-removed",
    change: "enum value removed",
    request: "major",
    response: "minor",
    why: "requests sending it fail; readers just see fewer values",
  },
  {
    id: "open-enum-value",
    change: "value listed in or dropped from an open enum (`anyOf: [{ enum }, { type: string }]`)",
    request: "minor",
    response: "minor",
    why: "the generated type stays `string`; only the listed (autocompleted) values change",
  },
  {
    id: "enum-added",
    change: "value restricted to an enum",
    request: "major",
    response: "minor",
    why: "fewer values",
  },
  {
    id: "enum-removed",
    change: "enum removed (any value of the type)",
    request: "minor",
    response: "major",
    why: "more values",
  },
  {
    id: "constraint-narrowed",
    change:
      "constraint added or tightened (`minimum`, `maximum`, `minLength`, `maxLength`, `minItems`, `maxItems`, `pattern` added, `multipleOf`, `uniqueItems`, ...)",
    request: "major",
    response: "minor",
    why: "fewer values",
  },
  {
    id: "constraint-relaxed",
    change: "constraint removed or loosened",
    request: "minor",
    response: "major",
    why: "more values",
  },
  {
    id: "constraint-changed",
    change: "constraint changed with no clear direction (`pattern` replaced)",
    request: "major",
    response: "major",
    why: "cannot be shown compatible",
  },
  {
    id: "additional-closed",
    change: "`additionalProperties: false` added (or a map's values restricted)",
    request: "major",
    response: "minor",
    why: "requests with other fields fail",
  },
  {
    id: "additional-opened",
    change: "`additionalProperties: false` removed",
    request: "minor",
    response: "minor",
    why: "a response may always carry more fields (as with a property added)",
  },
  {
    id: "additional-removed",
    change: "a typed map (`additionalProperties: {schema}`) no longer typed",
    request: "minor",
    response: "major",
    why: "readers lose the index signature's type",
  },
  {
    id: "variant-added",
    change: "`oneOf`/`anyOf` variant added",
    request: "minor",
    response: "major",
    why: "readers get a wider union",
  },
  {
    id: "variant-removed",
    change: "`oneOf`/`anyOf` variant removed",
    request: "major",
    response: "minor",
    why: "requests sending it fail",
  },
  {
    id: "default-changed",
    change: "default value added, removed or changed (apart from what `property-required`/`-optional` say)",
    request: "minor",
    response: "minor",
    why: "behaviour for callers who omit the field changes",
  },
  {
    id: "access-changed",
    change: "`readOnly` or `writeOnly` changed",
    request: "minor",
    response: "minor",
    why: "the generated types do not use them",
  },
  {
    id: "security-removed",
    change: "a way to authenticate (security requirement) removed or given more scopes",
    request: "major",
    response: "major",
    why: "calls authenticated that way fail",
  },
  {
    id: "security-added",
    change: "a way to authenticate added",
    request: "minor",
    response: "minor",
    why: "new option",
  },
  {
    id: "deprecated",
    change: "operation, parameter or schema marked deprecated",
    request: "minor",
    response: "minor",
    why: "semver §7: a deprecation is a minor release",
  },
  {
    id: "docs",
    change:
      "documentation only: descriptions, summaries, examples, titles, tags, `info`, `servers`, operationIds (the overlay removes them; clients name operations by path and method), a deprecation lifted, anything else outside the types",
    request: "patch",
    response: "patch",
    why: "nothing a caller compiles against",
  },
  {
    id: "none",
    change:
      "reordered properties, `required`, enums, tags, parameters or variants; `$ref` vs inline of the same response, parameter, request body or header (`default` moved to `#/components/responses/Error`); keys written with the value they have when absent (`nullable: false`, `required: []`, a parameter's default `style`)",
    request: "patch",
    response: "patch",
    why: "no change at all: not reported",
  },
];

/** @type {Map<string, Rule>} */
export const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));

const ORDER = ["patch", "minor", "major"];

/**
 * The level of a rule in a direction: "in" (request), "out" (response) or "both" (the higher).
 * @param {string} id @param {"in" | "out" | "both"} dir @returns {Level}
 */
export function levelOf(id, dir) {
  const rule = RULE_BY_ID.get(id);
  if (!rule) throw new Error(`spec-diff: no rule ${id}`);
  if (dir === "in") return rule.request;
  if (dir === "out") return rule.response;
  return ORDER.indexOf(rule.request) >= ORDER.indexOf(rule.response) ? rule.request : rule.response;
}

/** The rules table as Markdown (the README has it, prettier-formatted). */
export function rulesMarkdown() {
  const cell = (/** @type {string} */ s) => s.replace(/\|/g, "\\|");
  const rows = RULES.map((r) =>
    r.id === "none"
      ? `| \`${r.id}\` | ${cell(r.change)} | none | none | ${cell(r.why)} |`
      : `| \`${r.id}\` | ${cell(r.change)} | ${r.request} | ${r.response} | ${cell(r.why)} |`,
  );
  return [
    "| Rule | Change | In a request | In a response | Why |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
