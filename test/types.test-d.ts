/**
 * Compile-time contract of the generated clients (vitest typecheck mode): required fields and
 * enums are enforced, `{ name, value }` custom properties are accepted, results are typed.
 */
import { describe, expectTypeOf, it } from "vitest";
import { exact, type Exact } from "@org/mkt-events-core";
import {
  createClient as createV3,
  type BatchInputMarketingEventCreateRequestParams,
  type BatchResponseMarketingEventPublicDefaultResponse,
  type MarketingEventCreateRequestParams,
  type MarketingEventPublicDefaultResponse,
  type PropertyValue,
} from "@org/mkt-events-v3";
import {
  createClient as create2026,
  type BatchResponseMarketingEventPublicDefaultResponseV2WithErrors,
  type MarketingEventPublicUpdateRequestFullV2,
} from "@org/mkt-events-2026-03";

const v3 = createV3({ auth: "token" });
const v2026 = create2026({ auth: async () => "token" });

describe("upsert input", () => {
  it("accepts { name, value } custom properties", () => {
    void v2026.POST("/marketing/marketing-events/2026-03/events/upsert", {
      body: {
        inputs: [
          {
            externalAccountId: "a",
            externalEventId: "e",
            eventName: "n",
            eventOrganizer: "o",
            customProperties: [{ name: "platform", value: "zoom" }],
          },
        ],
      },
    });
    expectTypeOf<{ name: string; value: string }>().toExtend<PropertyValue>();
  });

  it("requires externalEventId", () => {
    void v3.POST("/marketing/v3/marketing-events/events/upsert", {
      body: {
        inputs: [
          // @ts-expect-error externalEventId is required
          { externalAccountId: "a", eventName: "n", eventOrganizer: "o", customProperties: [] },
        ],
      },
    });
    void v2026.POST("/marketing/marketing-events/2026-03/events/upsert", {
      body: {
        inputs: [
          // @ts-expect-error externalEventId is required
          { externalAccountId: "a", eventName: "n", eventOrganizer: "o", customProperties: [] },
        ],
      },
    });
    expectTypeOf<MarketingEventCreateRequestParams["externalEventId"]>().toEqualTypeOf<string>();
  });

  it("rejects a wrong enum value", () => {
    // `source` is an open enum (HubSpot adds sources often): any string is accepted, see
    // operations.test-d.ts. `dataSensitivity` stays closed.
    // @ts-expect-error "secret" is not a dataSensitivity level
    const badSensitivity: PropertyValue["dataSensitivity"] = "secret";
    void badSensitivity;
  });
});

describe("batch/update input", () => {
  it("requires objectId", () => {
    void v3.POST("/marketing/v3/marketing-events/batch/update", {
      // @ts-expect-error objectId is required
      body: { inputs: [{ customProperties: [], eventName: "renamed" }] },
    });
    void v2026.POST("/marketing/marketing-events/2026-03/batch/update", {
      // @ts-expect-error objectId is required
      body: { inputs: [{ customProperties: [], eventName: "renamed" }] },
    });
    expectTypeOf<MarketingEventPublicUpdateRequestFullV2["objectId"]>().toEqualTypeOf<string>();
  });
});

describe("paths", () => {
  it("are per version", () => {
    // @ts-expect-error the 2026-03 client has no v3 paths
    void v2026.POST("/marketing/v3/marketing-events/events/upsert", { body: { inputs: [] } });
  });
});

describe("responses", () => {
  it("are typed", async () => {
    const { data } = await v3.POST("/marketing/v3/marketing-events/events/upsert", { body: { inputs: [] } });
    expectTypeOf<NonNullable<typeof data>>().toExtend<BatchResponseMarketingEventPublicDefaultResponse>();
    expectTypeOf<BatchResponseMarketingEventPublicDefaultResponse>().toExtend<NonNullable<typeof data>>();
    expectTypeOf<NonNullable<typeof data>["status"]>().toEqualTypeOf<
      "CANCELED" | "COMPLETE" | "PENDING" | "PROCESSING"
    >();
    expectTypeOf<NonNullable<typeof data>["results"][number]["id"]>().toEqualTypeOf<string>();
    expectTypeOf<BatchResponseMarketingEventPublicDefaultResponseV2WithErrors["numErrors"]>().toEqualTypeOf<
      number | undefined
    >();
  });
});

describe("bulk operations are typed by the client's version", () => {
  it("bulkUpsert takes that version's upsert inputs and returns its records", async () => {
    const { bulkUpsert, bulkUpdate } = await import("@org/mkt-events-core");
    const result = await bulkUpsert(v3, [
      {
        externalAccountId: "a",
        externalEventId: "e",
        eventName: "n",
        eventOrganizer: "o",
        customProperties: [{ name: "k", value: "v" }],
      },
    ]);
    expectTypeOf(result.succeeded[0]!.record).toEqualTypeOf<MarketingEventPublicDefaultResponse>();
    expectTypeOf(result.succeeded[0]!.input).toEqualTypeOf<MarketingEventCreateRequestParams>();
    void bulkUpsert(v2026, [
      // @ts-expect-error externalEventId is required
      { externalAccountId: "a", eventName: "n", eventOrganizer: "o", customProperties: [] },
    ]);

    const updated = await bulkUpdate(v2026, [{ objectId: "1", customProperties: [] }]);
    expectTypeOf(updated.succeeded[0]!.input).toEqualTypeOf<MarketingEventPublicUpdateRequestFullV2>();
    expectTypeOf(updated.succeeded[0]!.record.objectId).toEqualTypeOf<string>();
    // @ts-expect-error objectId is required
    void bulkUpdate(v3, [{ customProperties: [] }]);
  });
});

describe("excess properties in request bodies", () => {
  const required = {
    externalAccountId: "a",
    externalEventId: "e",
    eventName: "n",
    eventOrganizer: "o",
    customProperties: [],
  };

  it("are not caught by openapi-fetch, even in a literal written inline (why exact exists)", () => {
    void v2026.POST("/marketing/marketing-events/2026-03/events", {
      body: { ...required, startDatetime: "2026-04-15T16:00:00Z" },
    });
  });

  it("exact<Schema>() refuses a misspelt optional field, at any depth and in a variable", () => {
    void exact<MarketingEventCreateRequestParams>()({
      ...required,
      // @ts-expect-error startDatetime is not a field (startDateTime is)
      startDatetime: "2026-04-15T16:00:00Z",
    });
    void exact<BatchInputMarketingEventCreateRequestParams>()({
      inputs: [
        {
          ...required,
          // @ts-expect-error evenType is not a field (eventType is)
          evenType: "WEBINAR",
        },
      ],
    });
    void exact<MarketingEventCreateRequestParams>()({
      ...required,
      // @ts-expect-error vaule is not a PropertyValue field
      customProperties: [{ name: "platform", value: "zoom", vaule: "zoom" }],
    });
    const built = { ...required, eventDescripton: "typo" };
    // @ts-expect-error eventDescripton is not a field (eventDescription is)
    void exact<MarketingEventCreateRequestParams>()(built);
    // @ts-expect-error required fields are still required
    void exact<MarketingEventCreateRequestParams>()({ externalAccountId: "a" });
  });

  it("exact<Schema>() returns a body that spells every field right as it is, typed, for client.POST", () => {
    const event = exact<MarketingEventCreateRequestParams>()({
      ...required,
      eventType: "WEBINAR",
      startDateTime: "2026-04-15T16:00:00Z",
      endDateTime: "2026-04-15T17:00:00Z",
      eventCancelled: false,
      customProperties: [{ name: "platform", value: "zoom", source: "API" }],
    });
    expectTypeOf(event.eventType).toEqualTypeOf<string>();
    expectTypeOf(event).toExtend<MarketingEventCreateRequestParams>();
    void v3.POST("/marketing/v3/marketing-events/events/upsert", {
      body: exact<BatchInputMarketingEventCreateRequestParams>()({ inputs: [event] }),
    });
    expectTypeOf<Exact<MarketingEventCreateRequestParams, typeof event>>().toEqualTypeOf<typeof event>();
    expectTypeOf<Exact<{ a?: { b: string }[] | null }, { a: { b: string; c: number }[] }>>().toEqualTypeOf<{
      a: { b: string; c: never }[];
    }>();
  });
});
