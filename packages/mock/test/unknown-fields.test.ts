/**
 * Fields a request body's schema does not declare (a typo such as `startDatetime`) pass JSON
 * Schema, and HubSpot documents no rejection of them, so the mock answers as before but logs a
 * warning with the field's JSON pointer; the value is not stored.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../src/index.js";
import { createUnknownFieldFinder } from "../src/validator.js";
import { V2026, V3, call, event } from "./helpers.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimit: false, maxLogEntries: 2 });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

/** Every optional field the specs declare, spelt right. */
const complete = (n: number) =>
  event(n, {
    eventType: "WEBINAR",
    eventDescription: "d",
    eventUrl: "https://example.com/w",
    startDateTime: "2026-04-15T16:00:00Z",
    endDateTime: "2026-04-15T17:00:00Z",
    eventCancelled: false,
    eventCompleted: false,
  });

describe("unknown fields in request bodies", () => {
  it("are logged with their JSON pointer, answered as before, and not stored", async () => {
    const res = await call(mock.url, "POST", `${V2026}/events/upsert`, {
      body: {
        inputs: [
          event(1, { startDatetime: "2026-04-15T16:00:00Z", evenType: "WEBINAR" }),
          event(2, { customProperties: [{ name: "platform", vaule: "zoom", value: "zoom" }], "a/b": 1 }),
        ],
      },
    });
    expect(res.status).toBe(200);
    const [entry] = mock.state.requests;
    expect(entry?.warnings).toEqual([
      {
        code: "UNKNOWN_FIELD",
        pointer: "/inputs/0/startDatetime",
        message:
          "unknown field startDatetime in MarketingEventCreateRequestParams; it is not stored (did you mean startDateTime?)",
      },
      {
        code: "UNKNOWN_FIELD",
        pointer: "/inputs/0/evenType",
        message:
          "unknown field evenType in MarketingEventCreateRequestParams; it is not stored (did you mean eventType?)",
      },
      {
        code: "UNKNOWN_FIELD",
        pointer: "/inputs/1/customProperties/0/vaule",
        message: "unknown field vaule in PropertyValue; it is not stored (did you mean value?)",
      },
      {
        code: "UNKNOWN_FIELD",
        pointer: "/inputs/1/a~1b",
        message: "unknown field a/b in MarketingEventCreateRequestParams; it is not stored",
      },
    ]);
    const stored = mock.state.events.findByKey("acct-1", "evt-1");
    expect(stored?.startDateTime).toBeUndefined();
    expect(stored?.eventType).toBeUndefined();
    expect(mock.state.counters.warnings).toBe(4);
  });

  it("are found in every version and operation, also in a body that fails validation", async () => {
    await call(mock.url, "POST", `${V3}/events`, { body: complete(1) });
    await call(mock.url, "POST", `${V3}/events`, { body: event(2, { eventDescripton: "x" }) });
    expect(mock.state.requests.map((r) => [r.status, r.warnings?.map((w) => w.pointer)])).toEqual([
      [200, undefined],
      [200, ["/eventDescripton"]],
    ]);

    const objectId = mock.state.events.findByKey("acct-1", "evt-1")?.objectId;
    const update = await call(mock.url, "POST", `${V2026}/batch/update`, {
      body: { inputs: [{ objectId, customProperties: [], eventCanceled: true }] },
    });
    expect(update.status).toBe(200);
    expect(mock.state.events.findByKey("acct-1", "evt-1")?.eventCancelled).toBe(false);
    const invalid = await call(mock.url, "POST", `${V3}/events/upsert`, { body: { input: [complete(3)] } });
    expect(invalid.status).toBe(400);
    // maxLogEntries is 2: the log keeps the last two, the counter counts all three warnings.
    expect(mock.state.requests.map((r) => [r.status, r.warnings?.map((w) => w.message)])).toEqual([
      [
        200,
        [
          expect.stringMatching(
            /^unknown field eventCanceled in \w+; it is not stored \(did you mean eventCancelled\?\)$/,
          ),
        ],
      ],
      [
        400,
        [
          "unknown field input in BatchInputMarketingEventCreateRequestParams; it is not stored (did you mean inputs?)",
        ],
      ],
    ]);
    expect(mock.state.counters.warnings).toBe(3);
  });

  it("are not reported for a body that spells every declared field right", async () => {
    for (const path of [`${V3}/events/upsert`, `${V2026}/events/upsert`]) {
      const res = await call(mock.url, "POST", path, {
        body: {
          inputs: [
            {
              ...complete(1),
              customProperties: [{ name: "platform", value: "zoom", timestamp: 1, source: "API" }],
            },
          ],
        },
      });
      expect(res.status).toBe(200);
    }
    expect(mock.state.requests.map((r) => r.warnings)).toEqual([undefined, undefined]);
    expect(mock.state.counters.warnings).toBe(0);
  });
});

describe("createUnknownFieldFinder", () => {
  const doc = {
    components: {
      schemas: {
        Base: { type: "object", properties: { name: { type: "string" } } },
        Named: {
          allOf: [{ $ref: "#/components/schemas/Base" }, { properties: { label: { type: "string" } } }],
        },
        Map: { type: "object", additionalProperties: { $ref: "#/components/schemas/Base" } },
        Either: { oneOf: [{ $ref: "#/components/schemas/Base" }, { properties: { other: {} } }] },
      },
    },
  };
  const find = createUnknownFieldFinder(doc);
  it("takes allOf members' fields as declared, checks map values, and leaves oneOf and free-form objects alone", () => {
    expect(find({ $ref: "#/components/schemas/Named" })({ name: "1", label: "x", lable: "y" })).toEqual([
      { pointer: "/lable", field: "lable", schema: "Named", suggestion: "label" },
    ]);
    expect(
      find({ $ref: "#/components/schemas/Map" })({ a: { name: "1" }, b: { nmae: "2", id: "3" } }),
    ).toEqual([
      { pointer: "/b/nmae", field: "nmae", schema: "Base", suggestion: "name" },
      { pointer: "/b/id", field: "id", schema: "Base" },
    ]);
    expect(find({ $ref: "#/components/schemas/Either" })({ name: "1", anything: 2 })).toEqual([]);
    expect(find({ type: "object" })({ anything: 1 })).toEqual([]);
  });
});
