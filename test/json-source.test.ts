/** The spec parser: values with the line and column of each, and errors with the file's location. */
import { describe, expect, it } from "vitest";
import { parseJsonWithPositions } from "../scripts/lib/json-source.mjs";

const errorOf = (text: string) => {
  try {
    parseJsonWithPositions(text, "dl/x.json");
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a parse error");
};

describe("parseJsonWithPositions", () => {
  it("returns the value and the position of every value by JSON pointer", () => {
    const { value, positions } = parseJsonWithPositions(
      '{\n  "paths": {\n    "/a/{id}": [1, {"~x": null}]\n  },\n  "__proto__": 1\n}',
      "x.json",
    );
    expect(value).toEqual(JSON.parse('{"paths":{"/a/{id}":[1,{"~x":null}]},"__proto__":1}'));
    expect(Object.keys(value)).toEqual(["paths", "__proto__"]);
    expect(positions.get("")).toEqual({ line: 1, column: 1 });
    expect(positions.get("/paths")).toEqual({ line: 2, column: 12 });
    expect(positions.get("/paths/~1a~1{id}")).toEqual({ line: 3, column: 16 });
    expect(positions.get("/paths/~1a~1{id}/1/~0x")).toEqual({ line: 3, column: 27 });
  });

  it.each([
    [
      '{\n  "a": 1\n  "b": 2\n}',
      'dl/x.json:3:3: invalid JSON: Unexpected token String found, near "\\"b\\": 2\\n}"',
    ],
    ["{ not json", "dl/x.json:1:3: invalid JSON: Unexpected identifier 'not' found"],
    ['{"a": 1,}', "dl/x.json:1:9: invalid JSON: Unexpected token RBrace found"],
    ["", "dl/x.json:1:1: invalid JSON: Unexpected end of input found"],
    ['{"a": 1} x', "dl/x.json:1:10: invalid JSON: Unexpected character 'x' found"],
    // What strict JSON forbids or leaves ambiguous, and JSON.parse would accept.
    ['{\n  "a": {"b": 1,\n  "b": 2}\n}', 'dl/x.json:3:3: invalid JSON: duplicate key "b" in object at /a'],
    ['{"a": "line\nbreak"}', "dl/x.json:1:7: invalid JSON: control character in string"],
  ])("reports %j at its line and column", (text, message) => {
    expect(errorOf(text)).toContain(message);
  });
});
