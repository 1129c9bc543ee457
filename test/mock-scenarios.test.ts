/**
 * The mock (packages/mock) as a user's suite meets it: one scenario per resource (events, batch,
 * status, attendance, participations, lists, settings, identifiers), over HTTP on 127.0.0.1
 * through each version's generated client, table-driven over every version. Every answer must
 * also validate against the version's spec (`mock.state.responseViolations` stays empty).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as v2026_03 from "@org/mkt-events-2026-03";
import * as v2026_09 from "@org/mkt-events-2026-09";
import * as v3 from "@org/mkt-events-v3";
import { startMockServer, type MockServer } from "../packages/mock/src/index.js";
import { loadPatchedSpec, operationsOf } from "./helpers/specs.js";

const CLIENTS: Record<string, { createClient: (o: any) => any; BASE_PATH: string }> = {
  v3,
  "2026-03": v2026_03,
  "2026-09": v2026_09,
};
const TOKEN = "pat-na1-scenarios";
const DEV_KEY = "dev-key-scenarios";
const APP_ID = 4211853;

const event = (n: number | string, extra: Record<string, unknown> = {}) => ({
  externalAccountId: "acct-1",
  externalEventId: `evt-${n}`,
  eventName: `Event ${n}`,
  eventOrganizer: "Acme",
  eventType: "WEBINAR",
  // In the future: registrants are not no-shows until the event is over (ended or completed).
  startDateTime: "2036-04-15T16:00:00Z",
  endDateTime: "2036-04-15T17:00:00Z",
  customProperties: [{ name: "platform", value: "zoom" }],
  ...extra,
});

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ rateLimit: false, tokens: [TOKEN], developerApiKeys: [DEV_KEY] });
});
afterAll(() => mock?.close());
beforeEach(() => mock.reset());
afterEach(() => expect(mock.state.responseViolations).toEqual([]));

describe.each(Object.keys(CLIENTS))("%s: the mock through the client", async (version) => {
  const { createClient, BASE_PATH: B } = CLIENTS[version]!;
  const doc = await loadPatchedSpec(version);
  // list-all: the GET without path parameters that pages with `after` (v3's is outside BASE_PATH).
  const LIST_ALL = operationsOf(doc).find(
    (o) =>
      o.method === "get" && !o.path.includes("{") && o.op.parameters?.some((p: any) => p.name === "after"),
  )!.path;
  let client: any;
  beforeAll(() => {
    client = createClient({ baseUrl: mock.url, auth: TOKEN, rateLimit: false, retry: { retries: 0 } });
  });
  const externalIds = (n: number | string) => ({
    path: { externalEventId: `evt-${n}` },
    query: { externalAccountId: "acct-1" },
  });
  const create = async (n: number | string, extra: Record<string, unknown> = {}) => {
    const res = await client.POST(`${B}/events`, { body: event(n, extra) });
    expect(res.response.status).toBe(200);
    return res.data as { objectId: string };
  };

  it("events: create, read both ways, patch, put, delete, then 404 with HubSpot's error body", async () => {
    const { objectId } = await create(1);
    const byExternal = await client.GET(`${B}/events/{externalEventId}`, { params: externalIds(1) });
    expect(byExternal.data).toMatchObject({ id: "evt-1", objectId, eventName: "Event 1", attendees: 0 });
    expect(byExternal.data.customProperties[0]).toMatchObject({ name: "platform", value: "zoom" });
    const byId = await client.GET(`${B}/{objectId}`, { params: { path: { objectId } } });
    expect(byId.data).toMatchObject({ objectId, externalEventId: "evt-1", appInfo: { id: String(APP_ID) } });
    expect(byId.data.customProperties).toEqual([{ name: "platform", value: "zoom" }]);

    const patched = await client.PATCH(`${B}/events/{externalEventId}`, {
      params: externalIds(1),
      body: { eventName: "Renamed", customProperties: [{ name: "room", value: "A" }] },
    });
    expect(patched.data).toMatchObject({ id: "evt-1", objectId, eventName: "Renamed" });
    const patchedV2 = await client.PATCH(`${B}/{objectId}`, {
      params: { path: { objectId } },
      body: { eventDescription: "Spring", customProperties: [] },
    });
    expect(patchedV2.data).toMatchObject({ objectId, eventName: "Renamed", eventDescription: "Spring" });
    expect(patchedV2.data.customProperties).toEqual([
      { name: "platform", value: "zoom" },
      { name: "room", value: "A" },
    ]);
    const put = await client.PUT(`${B}/events/{externalEventId}`, {
      params: { path: { externalEventId: "evt-2" } },
      body: event(2),
    });
    expect(put.response.status).toBe(200);
    expect(mock.state.events.size).toBe(2);

    const deleted = await client.DELETE(`${B}/events/{externalEventId}`, { params: externalIds(1) });
    expect(deleted.response.status).toBe(204);
    expect(await deleted.response.text()).toBe("");
    const gone = await client.GET(`${B}/events/{externalEventId}`, { params: externalIds(1) });
    expect(gone.response.status).toBe(404);
    expect(gone.error).toMatchObject({
      status: "error",
      category: "OBJECT_NOT_FOUND",
      correlationId: expect.any(String),
      message: expect.stringContaining("evt-1"),
    });
    expect((await client.GET(`${B}/{objectId}`, { params: { path: { objectId } } })).response.status).toBe(
      404,
    );
    const { objectId: id2 } = mock.state.events.findByKey("acct-1", "evt-2")!;
    expect(
      (await client.DELETE(`${B}/{objectId}`, { params: { path: { objectId: id2 } } })).response.status,
    ).toBe(204);
    expect(
      (await client.DELETE(`${B}/{objectId}`, { params: { path: { objectId: id2 } } })).response.status,
    ).toBe(404);
    expect(mock.state.events.size).toBe(0);
  });

  it("list-all: pages through 250 events with after/limit, cursors stable while records change", async () => {
    for (let start = 0; start < 250; start += 100) {
      const inputs = Array.from({ length: Math.min(100, 250 - start) }, (_, i) => event(start + i));
      expect((await client.POST(`${B}/events/upsert`, { body: { inputs } })).data.results).toHaveLength(
        inputs.length,
      );
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const res = await client.GET(LIST_ALL, {
        params: { query: { limit: 100, ...(after ? { after } : {}) } },
      });
      expect(res.response.status).toBe(200);
      seen.push(...res.data.results.map((e: { externalEventId: string }) => e.externalEventId));
      after = res.data.paging?.next?.after;
      pages++;
      if (pages === 1) {
        // Between pages: delete an event already read and add a new one; nothing is skipped or repeated.
        const first = mock.state.events.findByKey("acct-1", "evt-0")!;
        await client.DELETE(`${B}/{objectId}`, { params: { path: { objectId: first.objectId } } });
        await create("late");
      }
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(251);
    expect(new Set(seen).size).toBe(251);
    expect(seen.at(-1)).toBe("evt-late");
    const small = await client.GET(LIST_ALL, { params: { query: { limit: 7 } } });
    expect(small.data.results).toHaveLength(7);
    expect(small.data.paging.next.after).toBe(small.data.results[6].objectId);
  });

  it("batch: upsert keeps one record per key, update answers 207 for unknown ids, archive and delete by external ids", async () => {
    const up = await client.POST(`${B}/events/upsert`, { body: { inputs: [event(1), event(2), event(3)] } });
    const [a, b, c] = up.data.results.map((r: { objectId: string }) => r.objectId);
    const again = await client.POST(`${B}/events/upsert`, {
      body: { inputs: [event(1, { eventName: "One" })] },
    });
    expect(again.data.results[0]).toMatchObject({ objectId: a, eventName: "One" });
    expect(mock.state.events.size).toBe(3);
    const partial = await client.POST(`${B}/batch/update`, {
      body: {
        inputs: [
          { objectId: b, eventName: "Two", customProperties: [] },
          { objectId: "1", customProperties: [] },
        ],
      },
    });
    expect(partial.response.status).toBe(207);
    expect(partial.data.results[0]).toMatchObject({ objectId: b, eventName: "Two" });
    expect(partial.data.errors[0]).toMatchObject({
      category: "OBJECT_NOT_FOUND",
      context: { objectId: ["1"] },
    });

    const archived = await client.POST(`${B}/batch/archive`, {
      body: { inputs: [{ objectId: a }, { objectId: "1" }] },
    });
    expect(archived.response.status).toBe(204);
    const byExternal = await client.POST(`${B}/events/delete`, {
      body: {
        inputs: [
          { appId: APP_ID, externalAccountId: "acct-1", externalEventId: "evt-2" },
          { appId: 1, externalAccountId: "acct-1", externalEventId: "evt-3" }, // another app's: left alone
        ],
      },
    });
    expect(byExternal.response.status).toBe(204);
    expect(mock.state.events.all().map((e) => e.objectId)).toEqual([c]);
  });

  it("status: cancel and complete are reflected in every read", async () => {
    const { objectId } = await create(1);
    const cancelled = await client.POST(`${B}/events/{externalEventId}/cancel`, { params: externalIds(1) });
    expect(cancelled.data).toMatchObject({ objectId, eventCancelled: true, eventCompleted: false });
    const read = await client.GET(`${B}/{objectId}`, { params: { path: { objectId } } });
    expect(read.data).toMatchObject({ eventCancelled: true, eventStatus: "CANCELLED" });

    await create(2);
    const done = await client.POST(`${B}/events/{externalEventId}/complete`, {
      params: externalIds(2),
      body: { startDateTime: "2026-04-15T16:05:00Z", endDateTime: "2026-04-15T17:10:00Z" },
    });
    expect(done.data).toMatchObject({ eventCompleted: true, endDateTime: "2026-04-15T17:10:00Z" });
    const listed = await client.GET(LIST_ALL, { params: { query: { limit: 10 } } });
    const two = listed.data.results.find((e: { externalEventId: string }) => e.externalEventId === "evt-2");
    expect(two).toMatchObject({
      eventCompleted: true,
      eventCancelled: false,
      startDateTime: "2026-04-15T16:05:00Z",
    });
    const missing = await client.POST(`${B}/events/{externalEventId}/cancel`, {
      params: externalIds("nope"),
    });
    expect(missing.response.status).toBe(404);
  });

  it("attendance and participations: 3 attendees by email, counters and breakdown read back", async () => {
    const { objectId } = await create(1);
    const at = Date.UTC(2026, 3, 15, 16);
    const attendees = ["Ann@Example.com", "bob@example.com", "cy@example.com"].map((email, i) => ({
      email,
      interactionDateTime: at + i,
      properties: { joinedAt: "2036-04-15T16:00:00Z", leftAt: "2036-04-15T16:30:00Z" },
      contactProperties: { firstname: `First${i}` },
    }));
    const recorded = await client.POST(`${B}/attendance/{externalEventId}/{subscriberState}/email-create`, {
      params: {
        path: { externalEventId: "evt-1", subscriberState: "attend" },
        query: { externalAccountId: "acct-1" },
      },
      body: { inputs: attendees },
    });
    expect(recorded.response.status).toBe(200);
    expect(recorded.data.results.map((r: { email: string }) => r.email)).toEqual([
      "ann@example.com",
      "bob@example.com",
      "cy@example.com",
    ]);
    expect(mock.state.portal().contacts.size).toBe(3);
    const counters = await client.GET(`${B}/participations/{externalAccountId}/{externalEventId}`, {
      params: { path: { externalAccountId: "acct-1", externalEventId: "evt-1" } },
    });
    expect(counters.data).toEqual({ registered: 0, attended: 3, cancelled: 0, noShows: 0 });

    // A registrant by contact id (an existing contact), and a cancellation by email on the objectId route.
    const vid = recorded.data.results[0].vid;
    const dave = mock.state.portal().contacts.add("dave@example.com");
    const byVid = await client.POST(`${B}/{objectId}/attendance/{subscriberState}/create`, {
      params: { path: { objectId: Number(objectId), subscriberState: "register" } },
      body: {
        inputs: [
          { vid: dave.vid, interactionDateTime: at },
          { vid: 999999, interactionDateTime: at },
        ],
      },
    });
    expect(byVid.data.results).toEqual([{ vid: dave.vid }]);
    expect(byVid.data.errors[0]).toMatchObject({
      category: "OBJECT_NOT_FOUND",
      context: { vid: ["999999"] },
    });
    await client.POST(`${B}/{objectId}/attendance/{subscriberState}/email-create`, {
      params: { path: { objectId: Number(objectId), subscriberState: "cancel" } },
      body: { inputs: [{ email: "eve@example.com", interactionDateTime: at }] },
    });
    const byId = await client.GET(`${B}/participations/{marketingEventId}`, {
      params: { path: { marketingEventId: Number(objectId) } },
    });
    expect(byId.data).toEqual({ registered: 1, attended: 3, cancelled: 1, noShows: 0 });
    const read = await client.GET(`${B}/events/{externalEventId}`, { params: externalIds(1) });
    expect(read.data).toMatchObject({ attendees: 3, registrants: 1, cancellations: 1, noShows: 0 });

    const attended = await client.GET(`${B}/participations/{marketingEventId}/breakdown`, {
      params: { path: { marketingEventId: Number(objectId) }, query: { state: "ATTENDED", limit: 2 } },
    });
    expect(attended.data.total).toBe(3);
    expect(attended.data.results).toHaveLength(2);
    expect(attended.data.results[0]).toMatchObject({
      properties: {
        attendanceState: "ATTENDED",
        attendanceDurationSeconds: 1800,
        attendancePercentage: "50.00",
      },
      associations: {
        contact: { contactId: String(vid), email: "ann@example.com", firstname: "First0" },
        marketingEvent: { marketingEventId: objectId, externalEventId: "evt-1" },
      },
    });
    const rest = await client.GET(`${B}/participations/{externalAccountId}/{externalEventId}/breakdown`, {
      params: {
        path: { externalAccountId: "acct-1", externalEventId: "evt-1" },
        query: { state: "ATTENDED", limit: 2, after: attended.data.paging.next.after },
      },
    });
    expect(rest.data.results.map((r: any) => r.associations.contact.email)).toEqual(["cy@example.com"]);
    expect(rest.data.paging).toBeUndefined();

    // Completing the event turns the registrant who did not attend into a no-show.
    await client.POST(`${B}/events/{externalEventId}/complete`, {
      params: externalIds(1),
      body: { startDateTime: "2026-04-15T16:00:00Z", endDateTime: "2026-04-15T17:00:00Z" },
    });
    const noShow = await client.GET(`${B}/participations/contacts/{contactIdentifier}/breakdown`, {
      params: { path: { contactIdentifier: "dave@example.com" } },
    });
    expect(noShow.data.results.map((r: any) => r.properties.attendanceState)).toEqual(["NO_SHOW"]);
    expect(
      (
        await client.GET(`${B}/participations/{marketingEventId}`, {
          params: { path: { marketingEventId: Number(objectId) } },
        })
      ).data,
    ).toEqual({ registered: 1, attended: 3, cancelled: 1, noShows: 1 });
  });

  it("subscriber state (the older upsert operations) answers 204 and moves the counters", async () => {
    await create(1);
    const ann = mock.state.portal().contacts.add("ann@example.com");
    const path = { externalEventId: "evt-1", subscriberState: "register" };
    const query = { externalAccountId: "acct-1" };
    const byVid = await client.POST(`${B}/events/{externalEventId}/{subscriberState}/upsert`, {
      params: { path, query },
      body: { inputs: [{ vid: ann.vid, interactionDateTime: 1 }] },
    });
    expect(byVid.response.status).toBe(204);
    mock.state.portal().contacts.add("bob@example.com");
    const byEmail = await client.POST(`${B}/events/{externalEventId}/{subscriberState}/email-upsert`, {
      params: { path: { ...path, subscriberState: "attend" }, query },
      body: { inputs: [{ email: "bob@example.com", interactionDateTime: 2 }] },
    });
    expect(byEmail.response.status).toBe(204);
    const unknown = await client.POST(`${B}/events/{externalEventId}/{subscriberState}/upsert`, {
      params: { path, query },
      body: { inputs: [{ vid: 424242, interactionDateTime: 1 }] },
    });
    expect(unknown.response.status).toBe(400);
    // HubSpot creates no contact here: an unknown email refuses the batch.
    const unknownEmail = await client.POST(`${B}/events/{externalEventId}/{subscriberState}/email-upsert`, {
      params: { path, query },
      body: { inputs: [{ email: "new@example.com", interactionDateTime: 3 }] },
    });
    expect(unknownEmail.response.status).toBe(400);
    expect(mock.state.portal().contacts.findByEmail("new@example.com")).toBeUndefined();
    const counters = await client.GET(`${B}/participations/{externalAccountId}/{externalEventId}`, {
      params: { path: { externalAccountId: "acct-1", externalEventId: "evt-1" } },
    });
    expect(counters.data).toEqual({ registered: 1, attended: 1, cancelled: 0, noShows: 0 });
  });

  it("lists: associate, list and remove by external ids and by objectId", async () => {
    const { objectId } = await create(1);
    const ext = { externalAccountId: "acct-1", externalEventId: "evt-1" };
    for (const listId of ["11", "12"]) {
      const put = await client.PUT(`${B}/associations/{externalAccountId}/{externalEventId}/lists/{listId}`, {
        params: { path: { ...ext, listId } },
      });
      expect(put.response.status).toBe(204);
    }
    const byId = await client.GET(`${B}/associations/{marketingEventId}/lists`, {
      params: { path: { marketingEventId: objectId } },
    });
    expect(byId.data.total).toBe(2);
    expect(byId.data.results.map((l: { listId: string }) => l.listId)).toEqual(["11", "12"]);
    const removed = await client.DELETE(`${B}/associations/{marketingEventId}/lists/{listId}`, {
      params: { path: { marketingEventId: objectId, listId: "11" } },
    });
    expect(removed.response.status).toBe(204);
    await client.PUT(`${B}/associations/{marketingEventId}/lists/{listId}`, {
      params: { path: { marketingEventId: objectId, listId: "13" } },
    });
    await client.DELETE(`${B}/associations/{externalAccountId}/{externalEventId}/lists/{listId}`, {
      params: { path: { ...ext, listId: "12" } },
    });
    const left = await client.GET(`${B}/associations/{externalAccountId}/{externalEventId}/lists`, {
      params: { path: ext },
    });
    expect(left.data).toMatchObject({
      total: 1,
      results: [{ listId: "13", name: "List 13", objectTypeId: "0-1" }],
    });
    const unknown = await client.GET(`${B}/associations/{externalAccountId}/{externalEventId}/lists`, {
      params: { path: { ...ext, externalEventId: "nope" } },
    });
    expect(unknown.response.status).toBe(404);
  });

  it("identifiers: search by externalEventId and identifiers across accounts", async () => {
    const { objectId } = await create(1);
    const other = await create(1, { externalAccountId: "acct-2" });
    const search = await client.GET(`${B}/events/search`, { params: { query: { q: "evt-1" } } });
    expect(search.data.results).toEqual([
      { appId: APP_ID, externalAccountId: "acct-1", externalEventId: "evt-1", objectId },
      { appId: APP_ID, externalAccountId: "acct-2", externalEventId: "evt-1", objectId: other.objectId },
    ]);
    expect(
      (await client.GET(`${B}/events/search`, { params: { query: { q: "evt" } } })).data.results,
    ).toEqual([]);
    const ids = await client.GET(`${B}/{externalEventId}/identifiers`, {
      params: { path: { externalEventId: "evt-1" } },
    });
    expect(ids.data.total).toBe(2);
    expect(ids.data.results[0]).toMatchObject({
      objectId,
      marketingEventName: "Event 1",
      externalAccountId: "acct-1",
    });
  });

  it("settings: set and read per appId with the developer API key (hapikey)", async () => {
    const path = `${B}/{appId}/settings`;
    const params = (key?: string) => ({
      path: { appId: APP_ID },
      ...(key ? { query: { hapikey: key } as never } : {}),
    });
    expect((await client.GET(path, { params: params(DEV_KEY) })).response.status).toBe(404);
    const set = await client.POST(path, {
      params: params(DEV_KEY),
      body: { eventDetailsUrl: "https://example.com/events/%s" },
    });
    expect(set.data).toEqual({ appId: APP_ID, eventDetailsUrl: "https://example.com/events/%s" });
    expect((await client.GET(path, { params: params(DEV_KEY) })).data).toEqual(set.data);
    const bearerOnly = await client.GET(path, { params: params() });
    expect(bearerOnly.response.status).toBe(401);
    expect((await client.GET(path, { params: params("wrong") })).response.status).toBe(401);
  });
});
