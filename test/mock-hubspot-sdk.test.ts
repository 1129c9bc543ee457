/**
 * HubSpot's official Node SDK (@hubspot/api-client 13.5.0, `client.marketing.events.*Api`)
 * against the mock over HTTP on 127.0.0.1: every v3 method of every API class is called, and
 * each model it returns must be complete: valid against our v3 spec's response schema as
 * published (before the overlay that relaxes `PropertyValue.required` to name and value), so a
 * `PropertyValue` must carry all 15 fields HubSpot documents as required (but
 * `sourceUpstreamDeployable`, which the SDK's model does not have and drops).
 *
 * Three SDK methods reject every answer: `batchApi.archive` and
 * `subscriberStateChangesApi.upsertByContactId`/`upsertByContactEmail` are generated with only
 * a default (error) response, so the SDK parses any answer, 204 included, as an error (it would
 * against HubSpot too). For those the test checks that the mock applied the change.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Client } from "@hubspot/api-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../packages/mock/src/index.js";
import { ROOT, schemaValidator } from "./helpers/specs.js";

const TOKEN = "pat-na1-hubspot-sdk";
const DEV_KEY = "sdk-dev-key";
const APP_ID = 4211853;
const ACCT = "acct-sdk";

const raw = JSON.parse(await readFile(join(ROOT, "specs/marketing-events/v3.json"), "utf8"));
const validate = schemaValidator(raw);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Fields of the published schemas that SDK 13.5.0's models lack (dropped when deserializing). */
const NOT_IN_SDK_MODELS = ["sourceUpstreamDeployable"];

/** The model as JSON (Dates become ISO strings), checked against the published schema. */
function expectComplete(model: unknown, schema: string): void {
  expect(model, schema).toBeDefined();
  const json = JSON.parse(JSON.stringify(model));
  const problems = validate(ref(schema), json).filter(
    (p) => !NOT_IN_SDK_MODELS.some((field) => p.endsWith(`.${field} is required`)),
  );
  expect(problems, schema).toEqual([]);
}

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  externalAccountId: ACCT,
  externalEventId: id,
  eventName: `Event ${id}`,
  eventOrganizer: "Acme",
  eventType: "WEBINAR",
  startDateTime: new Date("2036-04-15T16:00:00Z"),
  endDateTime: new Date("2036-04-15T17:00:00Z"),
  customProperties: [{ name: "platform", value: "zoom" }] as any[],
  ...extra,
});

let mock: MockServer;
let events: Client["marketing"]["events"];
beforeAll(async () => {
  mock = await startMockServer({ rateLimit: false, tokens: [TOKEN], developerApiKeys: [DEV_KEY] });
  events = new Client({ accessToken: TOKEN, developerApiKey: DEV_KEY, basePath: mock.url }).marketing.events;
});
afterAll(() => mock?.close());
beforeEach(() => mock.reset());

describe("@hubspot/api-client 13.5.0 against the mock", () => {
  it("basicApi: create, upsert, getDetails, getByObjectId, update, updateByObjectId, getAll, archive, archiveByObjectId", async () => {
    const created = await events.basicApi.create(event("e1"));
    expectComplete(created, "MarketingEventDefaultResponse");
    expect(created.customProperties?.[0]).toMatchObject({
      name: "platform",
      value: "zoom",
      source: "INTEGRATION",
    });
    const objectId = created.objectId!;

    expectComplete(await events.basicApi.upsert("e2", event("e2")), "MarketingEventPublicDefaultResponse");
    const details = await events.basicApi.getDetails("e1", ACCT);
    expectComplete(details, "MarketingEventPublicReadResponse");
    expect(details).toMatchObject({ id: "e1", objectId, registrants: 0 });
    const byId = await events.basicApi.getByObjectId(objectId);
    expectComplete(byId, "MarketingEventPublicReadResponseV2");
    expect(byId.appInfo?.id).toBe(String(APP_ID));

    const updated = await events.basicApi.update("e1", ACCT, { eventName: "Renamed", customProperties: [] });
    expectComplete(updated, "MarketingEventPublicDefaultResponse");
    expect(updated.eventName).toBe("Renamed");
    const updatedV2 = await events.basicApi.updateByObjectId(objectId, {
      eventUrl: "https://x.test",
      customProperties: [],
    });
    expectComplete(updatedV2, "MarketingEventPublicDefaultResponseV2");

    const all = await events.basicApi.getAll(undefined, 1);
    expectComplete(all, "CollectionResponseMarketingEventPublicReadResponseV2ForwardPaging");
    expect(all.results).toHaveLength(1);
    const next = await events.basicApi.getAll(all.paging!.next!.after, 1);
    expect(next.results[0]!.externalEventId).toBe("e2");

    await events.basicApi.archive("e2", ACCT);
    await events.basicApi.archiveByObjectId(objectId);
    expect(mock.state.events.size).toBe(0);
    await expect(events.basicApi.getByObjectId(objectId)).rejects.toMatchObject({ code: 404 });
  });

  it("batchApi: upsert, updateByObjectId (200 and 207), archive, archiveByObjectId", async () => {
    const up = await events.batchApi.upsert({ inputs: [event("b1"), event("b2"), event("b3")] });
    expectComplete(up, "BatchResponseMarketingEventPublicDefaultResponse");
    const [b1, b2] = up.results.map((r) => r.objectId!);
    const ok = await events.batchApi.updateByObjectId({
      inputs: [{ objectId: b1!, eventName: "B1", customProperties: [] }],
    });
    expectComplete(ok, "BatchResponseMarketingEventPublicDefaultResponseV2");
    const partial = await events.batchApi.updateByObjectId({
      inputs: [
        { objectId: b2!, eventName: "B2", customProperties: [] },
        { objectId: "1", customProperties: [] },
      ],
    });
    expectComplete(partial, "BatchResponseMarketingEventPublicDefaultResponseV2WithErrors");
    expect((partial as any).errors[0].context.objectId).toEqual(["1"]);
    await events.batchApi.archiveByObjectId({ inputs: [{ objectId: b1! }] });
    // The SDK rejects any answer of this one (see the header); the mock deleted the event.
    await expect(
      events.batchApi.archive({
        inputs: [{ appId: APP_ID, externalAccountId: ACCT, externalEventId: "b2" }],
      }),
    ).rejects.toThrow("Cannot parse content");
    expect(mock.state.events.all().map((e) => e.externalEventId)).toEqual(["b3"]);
  });

  it("changePropertyApi: cancel and complete", async () => {
    await events.basicApi.create(event("s1"));
    const cancelled = await events.changePropertyApi.cancel("s1", ACCT);
    expectComplete(cancelled, "MarketingEventDefaultResponse");
    expect(cancelled.eventCancelled).toBe(true);
    const completed = await events.changePropertyApi.complete("s1", ACCT, {
      startDateTime: new Date("2036-04-15T16:00:00Z"),
      endDateTime: new Date("2036-04-15T16:50:00Z"),
    });
    expectComplete(completed, "MarketingEventDefaultResponse");
    expect(completed.eventCompleted).toBe(true);
  });

  it("attendance, subscriber state and participations: every recording and read method", async () => {
    const { objectId } = await events.basicApi.create(event("a1"));
    const at = Date.UTC(2036, 3, 15, 16);
    const emails = (state: string, list: string[]) =>
      events.addEventAttendeesApi.recordByContactEmails(
        "a1",
        state,
        {
          inputs: list.map((email) => ({
            email,
            interactionDateTime: at,
            properties: {},
            contactProperties: {},
          })),
        },
        ACCT,
      );
    const byEmail = await emails("attend", ["a@x.test", "b@x.test", "c@x.test"]);
    expectComplete(byEmail, "BatchResponseSubscriberEmailResponse");
    const vid = byEmail.results[0]!.vid;
    expectComplete(
      await events.addEventAttendeesApi.recordByContactIds(
        "a1",
        "register",
        { inputs: [{ vid, interactionDateTime: at, properties: {} }] },
        ACCT,
      ),
      "BatchResponseSubscriberVidResponse",
    );
    expectComplete(
      await events.addEventAttendeesApi.recordByContactId(objectId!, "register", {
        inputs: [{ vid, interactionDateTime: at, properties: {} }],
      }),
      "BatchResponseSubscriberVidResponse",
    );
    expectComplete(
      await events.addEventAttendeesApi.recordByEmail(objectId!, "cancel", {
        inputs: [{ email: "d@x.test", interactionDateTime: at, properties: {}, contactProperties: {} }],
      }),
      "BatchResponseSubscriberEmailResponse",
    );
    // The SDK rejects any answer of these two (see the header); the counters show the mock applied them.
    await expect(
      events.subscriberStateChangesApi.upsertByContactId("a1", "register", ACCT, {
        inputs: [{ vid: byEmail.results[1]!.vid, interactionDateTime: at, properties: {} }],
      }),
    ).rejects.toThrow();
    await expect(
      events.subscriberStateChangesApi.upsertByContactEmail("a1", "register", ACCT, {
        inputs: [{ email: "c@x.test", interactionDateTime: at, properties: {}, contactProperties: {} }],
      }),
    ).rejects.toThrow();

    const counters = await events.retrieveParticipantStateApi.getParticipationsCountersByEventExternalId(
      ACCT,
      "a1",
    );
    expectComplete(counters, "AttendanceCounters");
    expect(counters).toMatchObject({ attended: 3, registered: 3, cancelled: 1, noShows: 0 });
    expectComplete(
      await events.retrieveParticipantStateApi.getParticipationsCountersByMarketingEventId(Number(objectId)),
      "AttendanceCounters",
    );
    const breakdown = await events.retrieveParticipantStateApi.getParticipationsBreakdownByMarketingEventId(
      Number(objectId),
      undefined,
      "ATTENDED",
      2,
    );
    expectComplete(breakdown, "CollectionResponseWithTotalParticipationBreakdown");
    expect(breakdown.total).toBe(3);
    expect(breakdown.results).toHaveLength(2);
    expectComplete(
      await events.retrieveParticipantStateApi.getParticipationsBreakdownByExternalEventId(
        ACCT,
        "a1",
        "d@x.test",
      ),
      "CollectionResponseWithTotalParticipationBreakdown",
    );
    const byContact =
      await events.retrieveParticipantStateApi.getParticipationsBreakdownByContactId("a@x.test");
    expectComplete(byContact, "CollectionResponseWithTotalParticipationBreakdown");
    expect(byContact.results[0]!.properties.attendanceState).toBe("ATTENDED");
  });

  it("identifiersApi and listAssociationsApi", async () => {
    const { objectId } = await events.basicApi.create(event("i1"));
    const search = await events.identifiersApi.doSearch("i1");
    expectComplete(search, "CollectionResponseSearchPublicResponseWrapperNoPaging");
    expect(search.results[0]).toMatchObject({ appId: APP_ID, objectId });
    expectComplete(
      await events.identifiersApi.searchPortalEvents("i1"),
      "CollectionResponseWithTotalMarketingEventIdentifiersResponseNoPaging",
    );

    await events.listAssociationsApi.associateByExternalAccountAndEventIds(ACCT, "i1", "11");
    await events.listAssociationsApi.associateByMarketingEventId(objectId!, "12");
    const lists = await events.listAssociationsApi.getAllByMarketingEventId(objectId!);
    expectComplete(lists, "CollectionResponseWithTotalPublicListNoPaging");
    expect(lists.total).toBe(2);
    await events.listAssociationsApi.disassociateByMarketingEventId(objectId!, "11");
    await events.listAssociationsApi.disassociateByExternalAccountAndEventIds(ACCT, "i1", "12");
    const none = await events.listAssociationsApi.getAllByExternalAccountAndEventIds(ACCT, "i1");
    expectComplete(none, "CollectionResponseWithTotalPublicListNoPaging");
    expect(none.total).toBe(0);
  });

  it("settingsApi: update and getAll with the developer API key", async () => {
    const set = await events.settingsApi.update(APP_ID, { eventDetailsUrl: "https://example.com/%s" });
    expectComplete(set, "EventDetailSettings");
    const read = await events.settingsApi.getAll(APP_ID);
    expectComplete(read, "EventDetailSettings");
    expect(read).toMatchObject({ appId: APP_ID, eventDetailsUrl: "https://example.com/%s" });
  });

  it("the mock sends every PropertyValue field, sourceUpstreamDeployable too", async () => {
    await events.basicApi.create(event("p1"));
    const res = await fetch(`${mock.url}/marketing/v3/marketing-events/events/p1?externalAccountId=${ACCT}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const body = await res.json();
    expect(validate(ref("MarketingEventPublicReadResponse"), body)).toEqual([]);
    expect(Object.keys(body.customProperties[0])).toEqual(
      expect.arrayContaining(raw.components.schemas.PropertyValue.required),
    );
  });

  it("the mock's answers broke no spec", () => {
    expect(mock.state.responseViolations).toEqual([]);
  });
});
