/**
 * The semver rules of spec:diff (scripts/lib/spec-rules.mjs), one row per rule and direction:
 * a small edit of test/fixtures/spec-diff/rules-base.json, the bump it must give, the rule it
 * must name and the JSON pointer it must report. Plus: the README's table is the code's table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../scripts/lib/spec-diff.mjs";
import { RULES, rulesMarkdown } from "../scripts/lib/spec-rules.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const base = JSON.parse(readFileSync(join(ROOT, "test/fixtures/spec-diff/rules-base.json"), "utf8"));

const S = (d: any) => d.components.schemas;
const upsert = (d: any) => d.paths["/x/events/upsert"].post;
const getOne = (d: any) => d.paths["/x/events/{id}"].get;
const patchOne = (d: any) => d.paths["/x/events/{id}"].patch;
const search = (d: any) => d.paths["/x/search"].get;
const patchBody = (d: any) => patchOne(d).requestBody.content["application/json"].schema;

const GET_ONE = "#/paths/~1x~1events~1{id}/get";
const PATCH_ONE = "#/paths/~1x~1events~1{id}/patch";
const UPSERT = "#/paths/~1x~1events~1upsert/post";
const SEARCH = "#/paths/~1x~1search/get";
const PATCH_BODY = `${PATCH_ONE}/requestBody/content/application~1json/schema`;

type Row = {
  name: string;
  level: "major" | "minor" | "patch" | "none";
  rule?: string;
  pointer?: string;
  mutate: (doc: any) => any;
};

const rows: Row[] = [
  // ── no change at all: ordering, formatting, $ref vs inline ──────────────────────────────────
  {
    name: "properties, required, enums, tags and parameters reordered",
    level: "none",
    mutate: (d) => {
      const reverse = (o: any) => Object.fromEntries(Object.entries(o).reverse());
      S(d).Input.properties = reverse(S(d).Input.properties);
      S(d).Input.required.reverse();
      S(d).Output.properties.status.enum.reverse();
      upsert(d).tags.reverse();
      d.tags.reverse();
      getOne(d).parameters.reverse();
      d.paths = reverse(d.paths);
      S(d).Output.properties.source.anyOf.reverse();
    },
  },
  {
    name: "reformatted JSON (whitespace, key order everywhere)",
    level: "none",
    mutate: (d) => {
      const sortDeep = (v: any): any =>
        Array.isArray(v)
          ? v.map(sortDeep)
          : v && typeof v === "object"
            ? Object.fromEntries(
                Object.keys(v)
                  .sort()
                  .reverse()
                  .map((k) => [k, sortDeep(v[k])]),
              )
            : v;
      return JSON.parse(JSON.stringify(sortDeep(d), null, 7));
    },
  },
  {
    name: "inline error response moved to an identical #/components/responses/Error",
    level: "none",
    mutate: (d) => (getOne(d).responses["404"] = { $ref: "#/components/responses/Error" }),
  },
  {
    name: "default response inlined from #/components/responses/Error",
    level: "none",
    mutate: (d) => (upsert(d).responses.default = structuredClone(d.components.responses.Error)),
  },
  {
    name: "request body and parameter inlined from #/components/requestBodies and /parameters",
    level: "none",
    mutate: (d) => {
      upsert(d).requestBody = structuredClone(d.components.requestBodies.Upsert);
      getOne(d).parameters[0] = structuredClone(d.components.parameters.Id);
    },
  },
  {
    name: "a parameter moved from the operation to its path item",
    level: "none",
    mutate: (d) => {
      d.paths["/x/events/{id}"].parameters = [{ $ref: "#/components/parameters/Id" }];
      getOne(d).parameters.shift();
      patchOne(d).parameters.shift();
    },
  },
  {
    name: "no-op keys written out (nullable: false, required: [], a parameter's default style and explode)",
    level: "none",
    mutate: (d) => {
      S(d).Output.properties.extra.nullable = false;
      S(d).Unused.required = [];
      S(d).Input.properties.note.minLength = 0;
      getOne(d).parameters[2].style = "form";
      getOne(d).parameters[2].explode = true;
      getOne(d).parameters[1].required = false;
    },
  },
  // ── patch: documentation only ──────────────────────────────────────────────────────────────
  {
    name: "description changed",
    level: "patch",
    rule: "docs",
    pointer: "#",
    mutate: (d) => (S(d).Input.properties.id.description = "The identifier."),
  },
  {
    name: "example added",
    level: "patch",
    rule: "docs",
    pointer: "#",
    mutate: (d) => (d.components.requestBodies.Upsert.content["application/json"].example = { id: "a" }),
  },
  {
    name: "response content type written with a charset (the same type)",
    level: "patch",
    rule: "docs",
    pointer: "#",
    mutate: (d) =>
      (getOne(d).responses["200"].content = {
        "application/json; charset=utf-8": getOne(d).responses["200"].content["application/json"],
      }),
  },
  {
    name: "operationId added (the overlay drops them; clients name operations by path)",
    level: "patch",
    rule: "docs",
    pointer: "#",
    mutate: (d) => (getOne(d).operationId = "getEvent"),
  },
  {
    name: "response description changed behind #/components/responses/Error",
    level: "patch",
    rule: "docs",
    pointer: "#",
    mutate: (d) => (d.components.responses.Error.description = "Something went wrong."),
  },
  // ── exported names ────────────────────────────────────────────────────────────────────────
  {
    name: "operation removed",
    level: "major",
    rule: "operation-removed",
    pointer: SEARCH,
    mutate: (d) => delete d.paths["/x/search"],
  },
  {
    name: "path parameter renamed (the path, i.e. the operation's name, changes)",
    level: "major",
    rule: "operation-removed",
    pointer: "#/paths/~1x~1search/get",
    mutate: (d) => {
      d.paths["/x/search/{scope}"] = d.paths["/x/search"];
      delete d.paths["/x/search"];
    },
  },
  {
    name: "operation added",
    level: "minor",
    rule: "operation-added",
    pointer: "#/paths/~1x~1search/post",
    mutate: (d) => (d.paths["/x/search"].post = { responses: { 204: { description: "done" } } }),
  },
  {
    name: "component schema renamed, identical JSON (exported alias disappears)",
    level: "major",
    rule: "schema-removed",
    pointer: "#/components/schemas/ResultPage",
    mutate: (d) => {
      S(d).ResultPage = S(d).Page;
      delete S(d).Page;
      search(d).responses["200"].content["application/json"].schema.$ref = "#/components/schemas/ResultPage";
    },
  },
  {
    name: "unreferenced component schema removed (still an exported type)",
    level: "major",
    rule: "schema-removed",
    pointer: "#/components/schemas/Unused",
    mutate: (d) => delete S(d).Unused,
  },
  {
    name: "schema Error (exported as ApiError) renamed, reached through #/components/responses/Error",
    level: "major",
    rule: "schema-removed",
    pointer: "#/components/schemas/Failure",
    mutate: (d) => {
      S(d).Failure = S(d).Error;
      delete S(d).Error;
      d.components.responses.Error.content["*/*"].schema.$ref = "#/components/schemas/Failure";
      getOne(d).responses["404"].content["*/*"].schema.$ref = "#/components/schemas/Failure";
    },
  },
  {
    name: "inline schema moved to a new component (a new exported type)",
    level: "minor",
    rule: "schema-added",
    pointer: "#/components/schemas/PatchInput",
    mutate: (d) => {
      S(d).PatchInput = patchBody(d);
      patchOne(d).requestBody.content["application/json"].schema = {
        $ref: "#/components/schemas/PatchInput",
      };
    },
  },
  {
    name: "unreferenced exported type loses a property",
    level: "major",
    rule: "property-removed",
    pointer: "#/components/schemas/Unused/properties/a",
    mutate: (d) => delete S(d).Unused.properties.a,
  },
  {
    name: "unreferenced exported type gains an optional property",
    level: "minor",
    rule: "property-added-optional",
    pointer: "#/components/schemas/Unused/properties/b",
    mutate: (d) => (S(d).Unused.properties.b = { type: "string" }),
  },
  // ── parameters ────────────────────────────────────────────────────────────────────────────
  {
    name: "request: required parameter added",
    level: "major",
    rule: "parameter-added-required",
    pointer: `${GET_ONE}/parameters/3`,
    mutate: (d) =>
      getOne(d).parameters.push({
        name: "portalId",
        in: "query",
        required: true,
        schema: { type: "string" },
      }),
  },
  {
    name: "request: optional parameter added",
    level: "minor",
    rule: "parameter-added-optional",
    pointer: `${GET_ONE}/parameters/3`,
    mutate: (d) => getOne(d).parameters.push({ name: "after", in: "query", schema: { type: "string" } }),
  },
  {
    name: "request: parameter removed",
    level: "major",
    rule: "parameter-removed",
    pointer: `${GET_ONE}/parameters/2`,
    mutate: (d) => getOne(d).parameters.pop(),
  },
  {
    name: "request: parameter made required",
    level: "major",
    rule: "parameter-required",
    pointer: `${GET_ONE}/parameters/1/required`,
    mutate: (d) => (getOne(d).parameters[1].required = true),
  },
  {
    name: "request: parameter made optional (relaxed)",
    level: "minor",
    rule: "parameter-optional",
    pointer: `${SEARCH}/parameters/0/required`,
    mutate: (d) => (search(d).parameters[0].required = false),
  },
  {
    name: "request: parameter moved from query to header",
    level: "major",
    rule: "parameter-moved",
    pointer: `${GET_ONE}/parameters/2`,
    mutate: (d) => (getOne(d).parameters[2].in = "header"),
  },
  {
    name: "request: path parameter type changed (through #/components/parameters)",
    level: "major",
    rule: "type-changed",
    pointer: "#/components/parameters/Id/schema",
    mutate: (d) => (d.components.parameters.Id.schema = { type: "integer", format: "int64" }),
  },
  {
    name: "request: parameter enum value added",
    level: "minor",
    rule: "enum-value-added",
    pointer: `${GET_ONE}/parameters/2/schema`,
    mutate: (d) => getOne(d).parameters[2].schema.enum.push("C"),
  },
  {
    name: "request: parameter enum value removed",
    level: "major",
    rule: "enum-value-removed",
    pointer: `${GET_ONE}/parameters/2/schema`,
    mutate: (d) => (getOne(d).parameters[2].schema.enum = ["A"]),
  },
  {
    name: "request: parameter format relaxed (int32 to int64)",
    level: "minor",
    rule: "format-relaxed",
    pointer: `${GET_ONE}/parameters/1/schema/format`,
    mutate: (d) => (getOne(d).parameters[1].schema.format = "int64"),
  },
  {
    name: "request: parameter format added",
    level: "major",
    rule: "format-narrowed",
    pointer: `${SEARCH}/parameters/0/schema/format`,
    mutate: (d) => (search(d).parameters[0].schema.format = "email"),
  },
  {
    name: "request: parameter maximum raised",
    level: "minor",
    rule: "constraint-relaxed",
    pointer: `${GET_ONE}/parameters/1/schema/maximum`,
    mutate: (d) => (getOne(d).parameters[1].schema.maximum = 250),
  },
  {
    name: "request: parameter maximum lowered",
    level: "major",
    rule: "constraint-narrowed",
    pointer: `${GET_ONE}/parameters/1/schema/maximum`,
    mutate: (d) => (getOne(d).parameters[1].schema.maximum = 50),
  },
  {
    name: "request: parameter serialization changed",
    level: "major",
    rule: "parameter-serialization",
    pointer: `${GET_ONE}/parameters/2`,
    mutate: (d) => (getOne(d).parameters[2].explode = false),
  },
  // ── request bodies ────────────────────────────────────────────────────────────────────────
  {
    name: "request: body removed",
    level: "major",
    rule: "body-removed",
    pointer: `${PATCH_ONE}/requestBody`,
    mutate: (d) => delete patchOne(d).requestBody,
  },
  {
    name: "request: body made optional (through #/components/requestBodies)",
    level: "minor",
    rule: "body-optional",
    pointer: "#/components/requestBodies/Upsert/required",
    mutate: (d) => (d.components.requestBodies.Upsert.required = false),
  },
  {
    name: "request: optional body added",
    level: "minor",
    rule: "body-added-optional",
    pointer: `${SEARCH}/requestBody`,
    mutate: (d) =>
      (search(d).requestBody = { content: { "application/json": { schema: { type: "object" } } } }),
  },
  {
    name: "request: content type added",
    level: "minor",
    rule: "media-added",
    pointer: `${PATCH_ONE}/requestBody/content/application~1x-www-form-urlencoded`,
    mutate: (d) =>
      (patchOne(d).requestBody.content["application/x-www-form-urlencoded"] = { schema: { type: "object" } }),
  },
  {
    name: "request: content type removed",
    level: "major",
    rule: "media-removed",
    pointer: `${PATCH_ONE}/requestBody/content/application~1json`,
    mutate: (d) => (patchOne(d).requestBody.content = { "text/plain": { schema: { type: "string" } } }),
  },
  // ── request schemas: relaxed is fine, narrowed breaks ─────────────────────────────────────
  {
    name: "request: format constraint relaxed (date-time removed)",
    level: "minor",
    rule: "format-relaxed",
    pointer: "#/components/schemas/Input/properties/start/format",
    mutate: (d) => delete S(d).Input.properties.start.format,
  },
  {
    name: "request: format constraint added",
    level: "major",
    rule: "format-narrowed",
    pointer: "#/components/schemas/Input/properties/note/format",
    mutate: (d) => (S(d).Input.properties.note.format = "date-time"),
  },
  {
    name: "request: maxLength raised",
    level: "minor",
    rule: "constraint-relaxed",
    pointer: `${PATCH_BODY}/properties/name/maxLength`,
    mutate: (d) => (patchBody(d).properties.name.maxLength = 255),
  },
  {
    name: "request: maxLength lowered",
    level: "major",
    rule: "constraint-narrowed",
    pointer: `${PATCH_BODY}/properties/name/maxLength`,
    mutate: (d) => (patchBody(d).properties.name.maxLength = 10),
  },
  {
    name: "request: pattern added",
    level: "major",
    rule: "constraint-narrowed",
    pointer: "#/components/schemas/Input/properties/id/pattern",
    mutate: (d) => (S(d).Input.properties.id.pattern = "^[a-z]+$"),
  },
  {
    name: "request: type widened (integer to number)",
    level: "minor",
    rule: "type-widened",
    pointer: "#/components/schemas/Input/properties/count",
    mutate: (d) => (S(d).Input.properties.count.type = "number"),
  },
  {
    name: "request: type changed (integer to string)",
    level: "major",
    rule: "type-changed",
    pointer: "#/components/schemas/Input/properties/count",
    mutate: (d) => (S(d).Input.properties.count.type = "string"),
  },
  {
    name: "request: null allowed",
    level: "minor",
    rule: "nullable-added",
    pointer: "#/components/schemas/Input/properties/note",
    mutate: (d) => (S(d).Input.properties.note.nullable = true),
  },
  {
    name: "request: null no longer allowed",
    level: "major",
    rule: "nullable-removed",
    pointer: "#/components/schemas/Input/properties/ratio",
    mutate: (d) => delete S(d).Input.properties.ratio.nullable,
  },
  {
    name: "request: enum value added",
    level: "minor",
    rule: "enum-value-added",
    pointer: "#/components/schemas/Input/properties/kind",
    mutate: (d) => S(d).Input.properties.kind.enum.push("C"),
  },
  {
    name: "request: enum value removed",
    level: "major",
    rule: "enum-value-removed",
    pointer: "#/components/schemas/Input/properties/kind",
    mutate: (d) => (S(d).Input.properties.kind.enum = ["A"]),
  },
  {
    name: "request: oneOf variant added",
    level: "minor",
    rule: "variant-added",
    pointer: `${PATCH_BODY}/properties/value/oneOf/2`,
    mutate: (d) => patchBody(d).properties.value.oneOf.push({ type: "boolean" }),
  },
  {
    name: "request: oneOf variant removed",
    level: "major",
    rule: "variant-removed",
    pointer: `${PATCH_BODY}/properties/value/oneOf/1`,
    mutate: (d) => patchBody(d).properties.value.oneOf.pop(),
  },
  {
    name: "request: optional property added",
    level: "minor",
    rule: "property-added-optional",
    pointer: "#/components/schemas/Input/properties/venue",
    mutate: (d) => (S(d).Input.properties.venue = { type: "string" }),
  },
  {
    name: "request: required property added",
    level: "major",
    rule: "property-added-required",
    pointer: "#/components/schemas/Input/properties/venue",
    mutate: (d) => {
      S(d).Input.properties.venue = { type: "string" };
      S(d).Input.required.push("venue");
    },
  },
  {
    name: "request: property removed",
    level: "major",
    rule: "property-removed",
    pointer: "#/components/schemas/Input/properties/note",
    mutate: (d) => delete S(d).Input.properties.note,
  },
  {
    name: "request: property made required",
    level: "major",
    rule: "property-required",
    pointer: "#/components/schemas/Input/properties/note",
    mutate: (d) => S(d).Input.required.push("note"),
  },
  {
    name: "request: property made optional",
    level: "minor",
    rule: "property-optional",
    pointer: "#/components/schemas/Input/properties/kind",
    mutate: (d) => (S(d).Input.required = ["id"]),
  },
  {
    name: "request: default added in a component schema (the generated type makes it required)",
    level: "major",
    rule: "property-required",
    pointer: "#/components/schemas/Input/properties/note",
    mutate: (d) => (S(d).Input.properties.note.default = ""),
  },
  {
    name: "request: default added inline in a request body (type unchanged)",
    level: "minor",
    rule: "default-changed",
    pointer: `${PATCH_BODY}/properties/name/default`,
    mutate: (d) => (patchBody(d).properties.name.default = "untitled"),
  },
  {
    name: "request: additionalProperties: false added",
    level: "major",
    rule: "additional-closed",
    pointer: "#/components/schemas/Input/additionalProperties",
    mutate: (d) => (S(d).Input.additionalProperties = false),
  },
  {
    name: "request: typed map loosened (values any)",
    level: "minor",
    rule: "additional-removed",
    pointer: `${PATCH_BODY}/properties/labels/additionalProperties`,
    mutate: (d) => (patchBody(d).properties.labels.additionalProperties = true),
  },
  // ── responses: narrowed is fine, widened breaks ───────────────────────────────────────────
  {
    name: "response: property made required (narrowed)",
    level: "minor",
    rule: "property-required",
    pointer: "#/components/schemas/Output/properties/extra",
    mutate: (d) => S(d).Output.required.push("extra"),
  },
  {
    name: "response: property made optional (widened)",
    level: "major",
    rule: "property-optional",
    pointer: "#/components/schemas/Output/properties/status",
    mutate: (d) => (S(d).Output.required = ["id"]),
  },
  {
    name: "response: property added",
    level: "minor",
    rule: "property-added-optional",
    pointer: "#/components/schemas/Output/properties/updatedAt",
    mutate: (d) => (S(d).Output.properties.updatedAt = { type: "string" }),
  },
  {
    name: "response: required property added",
    level: "minor",
    rule: "property-added-required",
    pointer: "#/components/schemas/Output/properties/updatedAt",
    mutate: (d) => {
      S(d).Output.properties.updatedAt = { type: "string" };
      S(d).Output.required.push("updatedAt");
    },
  },
  {
    name: "response: property removed",
    level: "major",
    rule: "property-removed",
    pointer: "#/components/schemas/Output/properties/extra",
    mutate: (d) => delete S(d).Output.properties.extra,
  },
  {
    name: "response: maxLength added (narrowed)",
    level: "minor",
    rule: "constraint-narrowed",
    pointer: "#/components/schemas/Output/properties/extra/maxLength",
    mutate: (d) => (S(d).Output.properties.extra.maxLength = 64),
  },
  {
    name: "response: minimum removed (widened)",
    level: "major",
    rule: "constraint-relaxed",
    pointer: "#/components/schemas/Page/properties/total/minimum",
    mutate: (d) => {
      S(d).Page.properties.total.minimum = 0;
      return { before: structuredClone(d), after: (x: any) => delete S(x).Page.properties.total.minimum };
    },
  },
  {
    name: "response: format added (narrowed)",
    level: "minor",
    rule: "format-narrowed",
    pointer: "#/components/schemas/Output/properties/extra/format",
    mutate: (d) => (S(d).Output.properties.extra.format = "uuid"),
  },
  {
    name: "response: format removed (widened)",
    level: "major",
    rule: "format-relaxed",
    pointer: "#/components/schemas/Output/properties/createdAt/format",
    mutate: (d) => delete S(d).Output.properties.createdAt.format,
  },
  {
    name: "response: enum value added (exhaustive consumers break)",
    level: "major",
    rule: "enum-value-added",
    pointer: "#/components/schemas/Output/properties/status",
    mutate: (d) => S(d).Output.properties.status.enum.push("PENDING"),
  },
  {
    name: "response: enum value removed (narrowed)",
    level: "minor",
    rule: "enum-value-removed",
    pointer: "#/components/schemas/Output/properties/status",
    mutate: (d) => (S(d).Output.properties.status.enum = ["OK"]),
  },
  {
    name: "response: value listed in an open enum (type stays string)",
    level: "minor",
    rule: "open-enum-value",
    pointer: "#/components/schemas/Output/properties/source",
    mutate: (d) => S(d).Output.properties.source.anyOf[0].enum.push("IMPORT"),
  },
  {
    name: "response: enum opened (any string now)",
    level: "major",
    rule: "enum-removed",
    pointer: "#/components/schemas/Output/properties/status",
    mutate: (d) =>
      (S(d).Output.properties.status = {
        type: "string",
        anyOf: [{ type: "string", enum: ["OK", "FAIL"] }, { type: "string" }],
      }),
  },
  {
    name: "response: type narrowed (number to integer)",
    level: "minor",
    rule: "type-narrowed",
    pointer: "#/components/schemas/Output/properties/score",
    mutate: (d) => (S(d).Output.properties.score.type = "integer"),
  },
  {
    name: "response: type widened (integer to number)",
    level: "major",
    rule: "type-widened",
    pointer: "#/components/schemas/Page/properties/total",
    mutate: (d) => (S(d).Page.properties.total.type = "number"),
  },
  {
    name: "response: null allowed",
    level: "major",
    rule: "nullable-added",
    pointer: "#/components/schemas/Output/properties/extra",
    mutate: (d) => (S(d).Output.properties.extra.nullable = true),
  },
  {
    name: "response: null no longer possible",
    level: "minor",
    rule: "nullable-removed",
    pointer: "#/components/schemas/Output/properties/owner",
    mutate: (d) => delete S(d).Output.properties.owner.nullable,
  },
  {
    name: "response: oneOf variant added",
    level: "major",
    rule: "variant-added",
    pointer: `#/components/schemas/Page/properties/results/items/oneOf/1`,
    mutate: (d) =>
      (S(d).Page.properties.results.items = {
        oneOf: [{ $ref: "#/components/schemas/Output" }, { $ref: "#/components/schemas/Unused" }],
      }),
  },
  {
    name: "response: additionalProperties: false removed",
    level: "minor",
    rule: "additional-opened",
    pointer: "#/components/schemas/Error/additionalProperties",
    mutate: (d) => {
      S(d).Error.additionalProperties = false;
      return { before: structuredClone(d), after: (x: any) => delete S(x).Error.additionalProperties };
    },
  },
  {
    name: "response: additionalProperties: false added (narrowed)",
    level: "minor",
    rule: "additional-closed",
    pointer: "#/components/schemas/Error/additionalProperties",
    mutate: (d) => (S(d).Error.additionalProperties = false),
  },
  {
    name: "response: typed map loosened (widened)",
    level: "major",
    rule: "additional-removed",
    pointer: "#/components/schemas/Error/properties/context/additionalProperties",
    mutate: (d) => {
      S(d).Error.properties.context = { type: "object", additionalProperties: { type: "string" } };
      return {
        before: structuredClone(d),
        after: (x: any) => delete S(x).Error.properties.context.additionalProperties,
      };
    },
  },
  {
    name: "response: oneOf variant removed (narrowed)",
    level: "minor",
    rule: "variant-removed",
    pointer: "#/components/schemas/Page/properties/results/items/oneOf/1",
    mutate: (d) => {
      S(d).Page.properties.results.items = {
        oneOf: [{ $ref: "#/components/schemas/Output" }, { $ref: "#/components/schemas/Unused" }],
      };
      return {
        before: structuredClone(d),
        after: (x: any) => S(x).Page.properties.results.items.oneOf.pop(),
      };
    },
  },
  {
    name: "request: format changed to an unrelated one (date-time to date)",
    level: "major",
    rule: "format-changed",
    pointer: "#/components/schemas/Input/properties/start/format",
    mutate: (d) => (S(d).Input.properties.start.format = "date"),
  },
  {
    name: "response: Error schema change reached only through #/components/responses/Error",
    level: "major",
    rule: "property-removed",
    pointer: "#/components/schemas/Error/properties/category",
    mutate: (d) => delete S(d).Error.properties.category,
  },
  // ── response codes and content types ──────────────────────────────────────────────────────
  {
    name: "response: success code added with the same body (data union unchanged)",
    level: "minor",
    rule: "response-added",
    pointer: `${UPSERT}/responses/201`,
    mutate: (d) => (upsert(d).responses["201"] = structuredClone(upsert(d).responses["200"])),
  },
  {
    name: "response: success code added with a different body (data union widened)",
    level: "major",
    rule: "response-added-new-body",
    pointer: `${UPSERT}/responses/207`,
    mutate: (d) =>
      (upsert(d).responses["207"] = {
        description: "partial",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Page" } } },
      }),
  },
  {
    name: "response: 204 without body added next to a 200 with one",
    level: "major",
    rule: "response-added-new-body",
    pointer: `${UPSERT}/responses/204`,
    mutate: (d) => (upsert(d).responses["204"] = { description: "nothing" }),
  },
  {
    name: "response: 200 with a body added where only a 204 answered (data was nothing)",
    level: "minor",
    rule: "response-added",
    pointer: `${SEARCH}/responses/200`,
    mutate: (d) => {
      const ok = search(d).responses["200"];
      delete search(d).responses["200"];
      search(d).responses["204"] = { description: "nothing" };
      return { before: structuredClone(d), after: (x: any) => (search(x).responses["200"] = ok) };
    },
  },
  {
    name: "response: error code added with the error union's body",
    level: "minor",
    rule: "response-added",
    pointer: `${SEARCH}/responses/429`,
    mutate: (d) => (search(d).responses["429"] = { $ref: "#/components/responses/Error" }),
  },
  {
    name: "response: code removed",
    level: "major",
    rule: "response-removed",
    pointer: `${GET_ONE}/responses/404`,
    mutate: (d) => delete getOne(d).responses["404"],
  },
  {
    name: "response: default removed",
    level: "major",
    rule: "response-removed",
    pointer: `${UPSERT}/responses/default`,
    mutate: (d) => delete upsert(d).responses.default,
  },
  {
    name: "response: body removed",
    level: "major",
    rule: "response-body-removed",
    pointer: `${PATCH_ONE}/responses/200`,
    mutate: (d) => delete patchOne(d).responses["200"].content,
  },
  {
    name: "response: content type added with the same schema",
    level: "minor",
    rule: "media-added",
    pointer: `${GET_ONE}/responses/200/content/application~1xml`,
    mutate: (d) =>
      (getOne(d).responses["200"].content["application/xml"] = {
        schema: { $ref: "#/components/schemas/Output" },
      }),
  },
  {
    name: "response: content type added with another schema",
    level: "major",
    rule: "media-added-new-body",
    pointer: `${GET_ONE}/responses/200/content/text~1plain`,
    mutate: (d) => (getOne(d).responses["200"].content["text/plain"] = { schema: { type: "string" } }),
  },
  {
    name: "response: content type */* replaced by application/json, same schema",
    level: "minor",
    rule: "media-replaced",
    pointer: `${GET_ONE}/responses/404/content/*~1*`,
    mutate: (d) =>
      (getOne(d).responses["404"].content = {
        "application/json": { schema: { $ref: "#/components/schemas/Error" } },
      }),
  },
  {
    name: "response: content type removed",
    level: "major",
    rule: "media-removed",
    pointer: `${GET_ONE}/responses/200/content/application~1json`,
    mutate: (d) => (getOne(d).responses["200"].content = { "text/plain": { schema: { type: "string" } } }),
  },
  {
    name: "response: header added",
    level: "minor",
    rule: "header-added",
    pointer: `${GET_ONE}/responses/200/headers/X-Rate-Limit`,
    mutate: (d) => (getOne(d).responses["200"].headers["X-Rate-Limit"] = { schema: { type: "integer" } }),
  },
  {
    name: "response: header removed",
    level: "major",
    rule: "header-removed",
    pointer: `${GET_ONE}/responses/200/headers/X-Request-Id`,
    mutate: (d) => delete getOne(d).responses["200"].headers,
  },
  // ── the rest of the table ─────────────────────────────────────────────────────────────────
  {
    name: "request: required body added",
    level: "major",
    rule: "body-added-required",
    pointer: `${SEARCH}/requestBody`,
    mutate: (d) =>
      (search(d).requestBody = {
        required: true,
        content: { "application/json": { schema: { type: "object" } } },
      }),
  },
  {
    name: "request: body made required",
    level: "major",
    rule: "body-required",
    pointer: `${PATCH_ONE}/requestBody/required`,
    mutate: (d) => {
      patchOne(d).requestBody.required = false;
      return { before: structuredClone(d), after: (x: any) => (patchOne(x).requestBody.required = true) };
    },
  },
  {
    name: "response: a body where there was none",
    level: "minor",
    rule: "response-body-added",
    pointer: `${PATCH_ONE}/responses/200`,
    mutate: (d) => {
      const content = patchOne(d).responses["200"].content;
      delete patchOne(d).responses["200"].content;
      return {
        before: structuredClone(d),
        after: (x: any) => (patchOne(x).responses["200"].content = content),
      };
    },
  },
  {
    name: "security: another way to authenticate accepted",
    level: "minor",
    rule: "security-added",
    pointer: `${SEARCH}/security`,
    mutate: (d) => (search(d).security = [{}, { oauth2: [] }]),
  },
  {
    name: "request: readOnly set",
    level: "minor",
    rule: "access-changed",
    pointer: "#/components/schemas/Input/properties/note",
    mutate: (d) => (S(d).Input.properties.note.readOnly = true),
  },
  {
    name: "response: pattern replaced by another (no clear direction)",
    level: "major",
    rule: "constraint-changed",
    pointer: "#/components/schemas/Output/properties/id/pattern",
    mutate: (d) => {
      S(d).Output.properties.id.pattern = "^[0-9]+$";
      return {
        before: structuredClone(d),
        after: (x: any) => (S(x).Output.properties.id.pattern = "^[a-f0-9]+$"),
      };
    },
  },
  {
    name: "response: format changed to an unrelated one (date-time to date)",
    level: "major",
    rule: "format-changed",
    pointer: "#/components/schemas/Output/properties/createdAt/format",
    mutate: (d) => (S(d).Output.properties.createdAt.format = "date"),
  },
  {
    name: "request: type narrowed (number to integer)",
    level: "major",
    rule: "type-narrowed",
    pointer: "#/components/schemas/Input/properties/ratio",
    mutate: (d) => (S(d).Input.properties.ratio.type = "integer"),
  },
  {
    name: "request: value restricted to an enum",
    level: "major",
    rule: "enum-added",
    pointer: "#/components/schemas/Input/properties/note",
    mutate: (d) => (S(d).Input.properties.note.enum = ["x", "y"]),
  },
  {
    name: "response: value restricted to an enum (narrowed)",
    level: "minor",
    rule: "enum-added",
    pointer: "#/components/schemas/Output/properties/extra",
    mutate: (d) => (S(d).Output.properties.extra.enum = ["x", "y"]),
  },
  {
    name: "request: enum removed (any string now)",
    level: "minor",
    rule: "enum-removed",
    pointer: "#/components/schemas/Input/properties/kind",
    mutate: (d) => delete S(d).Input.properties.kind.enum,
  },
  {
    name: "request: closed enum made open (the PropertyValue.source change)",
    level: "minor",
    rule: "enum-removed",
    pointer: "#/components/schemas/Input/properties/kind",
    mutate: (d) =>
      (S(d).Input.properties.kind = {
        type: "string",
        anyOf: [{ type: "string", enum: ["A", "B", "C"] }, { type: "string" }],
      }),
  },
  // ── security and deprecation ──────────────────────────────────────────────────────────────
  {
    name: "security: authentication now required (anonymous removed)",
    level: "major",
    rule: "security-removed",
    pointer: `${SEARCH}/security`,
    mutate: (d) => (search(d).security = [{ oauth2: ["crm.objects.marketing_events.read"] }]),
  },
  {
    name: "operation deprecated",
    level: "minor",
    rule: "deprecated",
    pointer: `${SEARCH}/deprecated`,
    mutate: (d) => (search(d).deprecated = true),
  },
];

describe("spec diff rules", () => {
  it.each(rows)("$name → $level", ({ level, rule, pointer, mutate }) => {
    let before = structuredClone(base);
    let after = structuredClone(base);
    const out = mutate(after);
    if (out && typeof out === "object" && "before" in out) {
      before = out.before;
      after = structuredClone(out.before);
      out.after(after);
    } else if (out && typeof out === "object" && "openapi" in out) after = out;
    const diff = diffSpecs(before, after);
    const shown = JSON.stringify(diff.changes, null, 2);
    expect(diff.level, shown).toBe(level);
    if (level === "none") {
      expect(diff.changes).toEqual([]);
      return;
    }
    const match = diff.changes.find((c: any) => c.rule === rule && c.pointer === pointer);
    expect(match, shown).toBeDefined();
    expect(match?.level).toBe(level);
  });

  it.each(["v3", "2026-03", "2026-09"])(
    "the committed %s spec: reordered, reformatted, its errors moved to #/components/responses/Error: no change",
    (version) => {
      const text = readFileSync(join(ROOT, `specs/marketing-events/${version}.json`), "utf8");
      const doc = JSON.parse(text);
      const reverse = (v: any, key = ""): any =>
        Array.isArray(v)
          ? ["required", "enum", "tags", "parameters", "security", "anyOf", "oneOf"].includes(key)
            ? v.map((x) => reverse(x)).reverse()
            : v.map((x) => reverse(x))
          : v && typeof v === "object"
            ? Object.fromEntries(
                Object.entries(v)
                  .reverse()
                  .map(([k, x]) => [k, reverse(x, k)]),
              )
            : v;
      const next = reverse(JSON.parse(JSON.stringify(doc, null, 1)));
      const ops = Object.values(next.paths).flatMap((item: any) => Object.values(item)) as any[];
      const first = ops.find((op) => op.responses?.default)?.responses.default;
      next.components.responses = { Error: first };
      for (const op of ops)
        if (op.responses?.default) op.responses.default = { $ref: "#/components/responses/Error" };
      expect(diffSpecs(doc, next)).toEqual({ level: "none", changes: [] });
    },
  );

  it("has a row for every rule of the table", () => {
    const used = new Set(rows.map((r) => r.rule ?? "none"));
    expect(RULES.map((r) => r.id).filter((id) => !used.has(id))).toEqual([]);
  });

  it("the README's rules table is the code's table", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const table = (
      await prettier.format(rulesMarkdown(), { parser: "markdown", proseWrap: "preserve" })
    ).trim();
    expect(readme).toContain(table);
  });
});
