/**
 * The overlay code: Overlay 1.0 actions whose targets are RFC 9535 JSONPath queries (filters,
 * descendants, unions, quoted names), applied to a copy of the spec.
 */
import { describe, expect, it } from "vitest";
import { applyOverlay, validateOverlay } from "../scripts/lib/overlay.mjs";
import { SpecError } from "../scripts/lib/json-source.mjs";

const spec = () => ({
  openapi: "3.0.1",
  paths: {
    "/events/{objectId}": {
      get: { operationId: "get-/events_get", deprecated: true, tags: ["a", "b", "c", "d"] },
      delete: { operationId: "delete-/events_delete", tags: ["a"] },
    },
    "/it's": { post: { operationId: "quote", tags: [] } },
  },
  components: { schemas: { PropertyValue: { required: ["name", "value", "sourceVid"] } } },
});

const overlay = (...actions: object[]) =>
  validateOverlay({ overlay: "1.0.0", info: { title: "t", version: "1" }, actions }, "overlay.json");

describe("overlay targets are RFC 9535 JSONPath", () => {
  it("removes what a filter selects", () => {
    const out = applyOverlay(
      spec(),
      overlay({ target: "$.paths.*[?@.deprecated == true]", remove: true }),
      "overlay.json",
      "spec.json",
    );
    expect(Object.keys(out.paths["/events/{objectId}"])).toEqual(["delete"]);
  });

  it("removes every match of a descendant query, including names that need quoting", () => {
    const out = applyOverlay(spec(), overlay({ target: "$..operationId", remove: true }), "o", "s");
    expect(JSON.stringify(out)).not.toContain("operationId");
    expect(out.paths["/it's"].post).toEqual({ tags: [] });
    const quoted = applyOverlay(spec(), overlay({ target: "$.paths['/it\\'s']", remove: true }), "o", "s");
    expect(Object.keys(quoted.paths)).toEqual(["/events/{objectId}"]);
  });

  it("removes several elements of one array, whatever order the query lists them in", () => {
    const out = applyOverlay(
      spec(),
      overlay({ target: "$.paths['/events/{objectId}'].get.tags[3, 0, 1]", remove: true }),
      "o",
      "s",
    );
    expect(out.paths["/events/{objectId}"].get.tags).toEqual(["c"]);
  });

  it("updates merge into objects, append to arrays, and leave the input untouched", () => {
    const input = spec();
    const out = applyOverlay(
      input,
      overlay(
        { target: "$.components.schemas.PropertyValue.required", remove: true },
        { target: "$.components.schemas.PropertyValue", update: { required: ["name", "value"] } },
        { target: "$.paths[*][*].tags", update: "added" },
      ),
      "o",
      "s",
    );
    expect(out.components.schemas.PropertyValue.required).toEqual(["name", "value"]);
    expect(out.paths["/events/{objectId}"].delete.tags).toEqual(["a", "added"]);
    expect(out.paths["/it's"].post.tags).toEqual(["added"]);
    expect(input.components.schemas.PropertyValue.required).toHaveLength(3);
  });

  it("an update that matches nothing is an error; a remove that matches nothing is not", () => {
    expect(() =>
      applyOverlay(
        spec(),
        overlay({ target: "$.components.schemas.Nope", update: { a: 1 } }),
        "o.json",
        "s.json",
      ),
    ).toThrow("o.json: actions[0] (update of $.components.schemas.Nope) matches nothing in s.json");
    expect(applyOverlay(spec(), overlay({ target: "$.nope", remove: true }), "o", "s")).toEqual(spec());
  });

  it.each([
    ["paths.*", 1],
    ["$.paths[", 9],
    ["$.paths.a-b", 10],
  ])("a target that is not RFC 9535 JSONPath (%s) is refused, naming the action and where", (target, at) => {
    let error: unknown;
    try {
      overlay({ target: "$.ok", remove: true }, { target, remove: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toContain(
      `overlay.json: actions[1]: target ${JSON.stringify(target)} is not an RFC 9535 JSONPath (character ${at}): `,
    );
    expect((error as Error).message).toMatch(/ at \/actions\/1\/target$/);
  });
});
