/**
 * Compile-time contract of the 33 operations added with issue 9, in all three versions: required
 * fields and parameters are enforced, misspelt fields fail (directly when the field is required,
 * with `exact<Schema>()` otherwise), every documented enum value compiles, and PropertyValue.source
 * accepts values HubSpot has not documented yet.
 * Run: npx vitest run --typecheck test/operations.test-d.ts
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  createClient as create2026_03,
  type MarketingEventPublicReadResponseV2,
} from "@org/mkt-events-2026-03";
import {
  createClient as create2026_09,
  exact,
  type BatchResponseSubscriberEmailResponse,
  type MarketingEventUpdateRequestParams,
  type ParticipationProperties,
} from "@org/mkt-events-2026-09";
import {
  createClient as createV3,
  type CollectionResponseWithTotalPublicListNoPaging,
  type EventDetailSettings,
  type MarketingEventEmailSubscriber,
  type PropertyValue,
} from "@org/mkt-events-v3";
import { PROPERTY_SOURCES } from "./helpers/property-sources.js";

const v3 = createV3({ auth: "token" });
const v2026_03 = create2026_03({ auth: "token" });
const v2026_09 = create2026_09({ auth: "token" });
const at = { startDateTime: "2026-04-15T16:00:00Z", endDateTime: "2026-04-15T17:00:00Z" };

describe("required fields and parameters", () => {
  it("complete needs both dates and externalAccountId", () => {
    void v3.POST("/marketing/v3/marketing-events/events/{externalEventId}/complete", {
      params: { path: { externalEventId: "e" }, query: { externalAccountId: "a" } },
      body: at,
    });
    void v2026_03.POST("/marketing/marketing-events/2026-03/events/{externalEventId}/complete", {
      params: { path: { externalEventId: "e" }, query: { externalAccountId: "a" } },
      // @ts-expect-error endDateTime is required
      body: { startDateTime: at.startDateTime },
    });
    void v2026_09.POST("/marketing/marketing-events/2026-09/events/{externalEventId}/complete", {
      // @ts-expect-error the externalAccountId query parameter is required
      params: { path: { externalEventId: "e" }, query: {} },
      body: at,
    });
  });

  it("email attendance needs email and interactionDateTime", () => {
    void v3.POST(
      "/marketing/v3/marketing-events/attendance/{externalEventId}/{subscriberState}/email-create",
      {
        params: { path: { externalEventId: "e", subscriberState: "attend" } },
        body: { inputs: [{ email: "ada@example.com", interactionDateTime: 1776268800000 }] },
      },
    );
    void v2026_09.POST(
      "/marketing/marketing-events/2026-09/{objectId}/attendance/{subscriberState}/email-create",
      {
        params: { path: { objectId: "1", subscriberState: "register" } },
        // @ts-expect-error interactionDateTime is required
        body: { inputs: [{ email: "ada@example.com" }] },
      },
    );
  });

  it("search needs q, settings need eventDetailsUrl, lists need every path parameter", () => {
    // @ts-expect-error the q query parameter is required
    void v2026_03.GET("/marketing/marketing-events/2026-03/events/search", { params: { query: {} } });
    void v3.POST("/marketing/v3/marketing-events/{appId}/settings", {
      params: { path: { appId: 4211853 } },
      // @ts-expect-error eventDetailsUrl is required
      body: {},
    });
    void v2026_09.PUT("/marketing/marketing-events/2026-09/associations/{marketingEventId}/lists/{listId}", {
      // @ts-expect-error listId is required
      params: { path: { marketingEventId: "1" } },
    });
    void v2026_09.GET("/marketing/marketing-events/2026-09/participations/{marketingEventId}/breakdown", {
      params: { path: { marketingEventId: 1 }, query: { limit: 10, state: "ATTENDED" } },
    });
  });

  it("participation breakdowns carry cursors both ways, as HubSpot's pages show", async () => {
    const { data } = await v2026_09.GET(
      "/marketing/marketing-events/2026-09/participations/contacts/{contactIdentifier}/breakdown",
      { params: { path: { contactIdentifier: "ada@example.com" } } },
    );
    expectTypeOf(data!.paging?.next?.after).toEqualTypeOf<string | undefined>();
    expectTypeOf(data!.paging?.prev?.before).toEqualTypeOf<string | undefined>();
    const legacy = await v3.GET(
      "/marketing/v3/marketing-events/participations/{marketingEventId}/breakdown",
      {
        params: { path: { marketingEventId: 1 } },
      },
    );
    expectTypeOf(legacy.data!.paging?.prev?.link).toEqualTypeOf<string | undefined>();
  });

  it("batch deletes need their keys", () => {
    void v3.POST("/marketing/v3/marketing-events/events/delete", {
      body: { inputs: [{ appId: 1, externalAccountId: "a", externalEventId: "e" }] },
    });
    void v2026_03.POST("/marketing/marketing-events/2026-03/batch/archive", {
      // @ts-expect-error objectId is required
      body: { inputs: [{}] },
    });
  });
});

describe("misspelt fields", () => {
  it("fail when the correct name is required", () => {
    void v2026_03.POST("/marketing/marketing-events/2026-03/{appId}/settings", {
      params: { path: { appId: 1 } },
      // @ts-expect-error eventDetailUrl is not eventDetailsUrl
      body: { eventDetailUrl: "https://my.event.app/events/%s" },
    });
  });

  it("fail through exact<Schema>() when the field is optional", () => {
    const ok = exact<MarketingEventUpdateRequestParams>()({ eventName: "Renamed", eventCompleted: true });
    void v2026_09.PATCH("/marketing/marketing-events/2026-09/events/{externalEventId}", {
      params: { path: { externalEventId: "e" }, query: { externalAccountId: "a" } },
      body: ok,
    });
    // @ts-expect-error eventname is not eventName
    exact<MarketingEventUpdateRequestParams>()({ eventname: "Renamed" });
    // @ts-expect-error contactProperty is not contactProperties
    exact<MarketingEventEmailSubscriber>()({ email: "a@b.c", interactionDateTime: 1, contactProperty: {} });
  });
});

describe("enum values", () => {
  it("every documented PropertyValue.source compiles, and so does one not documented yet", () => {
    expectTypeOf(PROPERTY_SOURCES).toExtend<readonly NonNullable<PropertyValue["source"]>[]>();
    const values: PropertyValue[] = PROPERTY_SOURCES.map((source) => ({ name: "n", value: "v", source }));
    const future: PropertyValue = { name: "n", value: "v", source: "SOURCE_ADDED_NEXT_YEAR" };
    void values;
    void future;
    expectTypeOf<NonNullable<PropertyValue["source"]>>().toEqualTypeOf<string>();
  });

  it("closed enums: each value compiles, others do not", () => {
    const states: ParticipationProperties["attendanceState"][] = [
      "ATTENDED",
      "CANCELLED",
      "EMPTY",
      "NO_SHOW",
      "REGISTERED",
    ];
    const statuses: BatchResponseSubscriberEmailResponse["status"][] = [
      "CANCELED",
      "COMPLETE",
      "PENDING",
      "PROCESSING",
    ];
    const levels: NonNullable<PropertyValue["dataSensitivity"]>[] = ["high", "none", "standard"];
    void [states, statuses, levels];
    // @ts-expect-error LEFT_EARLY is not an attendance state
    const badState: ParticipationProperties["attendanceState"] = "LEFT_EARLY";
    void badState;
  });
});

describe("answers are typed", () => {
  it("with HubSpot's schemas", () => {
    expectTypeOf<EventDetailSettings>().toEqualTypeOf<{ appId: number; eventDetailsUrl: string }>();
    expectTypeOf<CollectionResponseWithTotalPublicListNoPaging["total"]>().toEqualTypeOf<number>();
    expectTypeOf<MarketingEventPublicReadResponseV2["objectId"]>().toEqualTypeOf<string>();
    expectTypeOf(
      v3.GET("/marketing/v3/marketing-events/participations/{externalAccountId}/{externalEventId}", {
        params: { path: { externalAccountId: "a", externalEventId: "e" } },
      }),
    ).resolves.toHaveProperty("data");
  });
});
