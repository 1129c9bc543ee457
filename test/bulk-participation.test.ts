/**
 * Attendance sync, deletes and paging through the 2026-09 client against a scripted HubSpot on
 * 127.0.0.1: requests go to the right operation with the right body, answers are matched back by
 * email or contact id (never by position), recordings are never resent once HubSpot may have
 * applied them, and paged reads follow the cursors to the end.
 */
import { describe, expect, expectTypeOf, it, onTestFinished } from "vitest";
import {
  VirtualClock,
  bulkArchive,
  bulkDelete,
  bulkRecordParticipation,
  collect,
  createClient,
  paginate,
} from "@org/mkt-events-2026-09";
import { startTestServer, type Handler } from "./helpers/http-server.js";

const BASE = "/marketing/marketing-events/2026-09";

async function hub(handler: Handler) {
  const server = await startTestServer(handler);
  onTestFinished(() => server.close());
  const client = createClient({
    baseUrl: server.url,
    auth: "pat-na1-sync",
    clock: new VirtualClock(),
    rateLimit: false,
    retry: { retries: 3 },
  });
  return { server, client };
}

type Attendee = { email: string; interactionDateTime: number; properties?: Record<string, string> };
const attendee = (n: number): Attendee => ({
  email: `Person.${n}@Example.com`,
  interactionDateTime: Date.UTC(2026, 3, 15, 16),
  properties: { joinedAt: "2026-04-15T16:00:00Z", leftAt: "2026-04-15T16:45:00Z" },
});
const batchAnswer = (results: unknown[], errors: unknown[] = []) => ({
  status: 200,
  body: {
    status: "COMPLETE",
    startedAt: "2026-04-15T17:00:00Z",
    completedAt: "2026-04-15T17:00:01Z",
    results,
    errors,
  },
});

describe("bulkRecordParticipation", () => {
  it("records attendance by email in batches, matched by email whatever the order and case", async () => {
    const { server, client } = await hub((req) => {
      const inputs = (req.body as { inputs: Attendee[] }).inputs;
      // HubSpot answers in its own order and case, and rejects one address.
      const results = inputs
        .filter((i) => i.email !== "Person.7@Example.com")
        .map((i, n) => ({ email: i.email.toUpperCase(), vid: 1000 + n }))
        .reverse();
      const errors = inputs.some((i) => i.email === "Person.7@Example.com")
        ? [
            {
              status: "error",
              category: "VALIDATION_ERROR",
              message: "bounced",
              context: { emails: ["person.7@example.com"] },
            },
          ]
        : [];
      return batchAnswer(results, errors);
    });
    const inputs = Array.from({ length: 250 }, (_, n) => attendee(n));
    const result = await bulkRecordParticipation(
      client,
      { event: { externalAccountId: "acct-1", externalEventId: "webinar 1" }, state: "attend", by: "email" },
      inputs,
    );
    expect(server.requests.map((r) => r.path)).toEqual(
      Array(3).fill(`${BASE}/attendance/webinar%201/attend/email-create?externalAccountId=acct-1`),
    );
    expect(server.requests.map((r) => (r.body as { inputs: unknown[] }).inputs.length)).toEqual([
      100, 100, 50,
    ]);
    expect(result.succeeded).toHaveLength(249);
    expect(result.succeeded.every((s) => s.record.email.toLowerCase() === s.input.email.toLowerCase())).toBe(
      true,
    );
    expect(result.failed.map((f) => [f.index, f.error.kind, f.error.message])).toEqual([
      [7, "rejected", "bounced"],
    ]);
    expectTypeOf(result.succeeded[0]!.record.vid).toEqualTypeOf<number>();
  });

  it("by contact id for an event named by objectId", async () => {
    const { server, client } = await hub((req) =>
      batchAnswer((req.body as { inputs: { vid: number }[] }).inputs.map((i) => ({ vid: i.vid }))),
    );
    const inputs = [11, 12, 13].map((vid) => ({ vid, interactionDateTime: 1_776_268_800_000 }));
    const result = await bulkRecordParticipation(
      client,
      { event: { objectId: "58237132332" }, state: "register", by: "contactId" },
      inputs,
    );
    expect(server.requests[0]?.path).toBe(`${BASE}/58237132332/attendance/register/create`);
    expect(result.succeeded.map((s) => s.record.vid)).toEqual([11, 12, 13]);
  });

  it("checks inputs before sending: email syntax, ISO times, leftAt after joinedAt, duplicates, unknown fields", async () => {
    const { server, client } = await hub((req) =>
      batchAnswer(
        (req.body as { inputs: Attendee[] }).inputs.map((i, n) => ({ email: i.email, vid: n + 1 })),
      ),
    );
    const bad = [
      { ...attendee(0), email: "not-an-address" },
      { ...attendee(1), properties: { joinedAt: "15/04/2026 16:00" } },
      { ...attendee(2), properties: { joinedAt: "2026-04-15T16:00:00Z", leftAt: "2026-04-15T15:00:00Z" } },
      { ...attendee(3), email: "person.9@example.com" }, // same as input 5 (Person.9@Example.com) but case
      { ...attendee(4), contactProperty: { firstname: "Ada" } },
      attendee(9),
    ];
    const result = await bulkRecordParticipation(
      client,
      { event: { externalAccountId: "a", externalEventId: "e" }, state: "attend", by: "email" },
      bad as Attendee[],
    );
    expect(result.failed.map((f) => [f.index, f.error.kind, f.error.details.field])).toEqual([
      [0, "invalid-input", "email"],
      [1, "invalid-input", "properties.joinedAt"],
      [2, "invalid-input", "properties.leftAt"],
      [4, "invalid-input", "contactProperty"],
      [5, "invalid-input", "email"],
    ]);
    expect(result.succeeded.map((s) => s.index)).toEqual([3]);
    expect((server.requests[0]?.body as { inputs: unknown[] }).inputs).toHaveLength(1);
  });

  it("never resends a recording HubSpot may have applied (each one adds a timeline event)", async () => {
    let calls = 0;
    const { server, client } = await hub((req) => {
      calls++;
      if (calls === 1) return "reset"; // applied or not: nobody knows
      return batchAnswer(
        (req.body as { inputs: Attendee[] }).inputs.map((i, n) => ({ email: i.email, vid: n })),
      );
    });
    const inputs = Array.from({ length: 150 }, (_, n) => attendee(n));
    const result = await bulkRecordParticipation(
      client,
      { event: { externalAccountId: "a", externalEventId: "e" }, state: "register", by: "email" },
      inputs,
      { concurrency: 1 },
    );
    const sentEmails = server.requests.flatMap((r) =>
      (r.body as { inputs: Attendee[] }).inputs.map((i) => i.email),
    );
    expect(sentEmails).toHaveLength(150); // each input sent exactly once
    expect(result.failed).toHaveLength(100);
    expect(result.failed.every((f) => f.error.outcomeUnknown)).toBe(true);
    expect(result.succeeded).toHaveLength(50);
  });

  it("refuses a bad target before sending", async () => {
    const { server, client } = await hub(() => batchAnswer([]));
    await expect(
      bulkRecordParticipation(client, { event: { objectId: "" }, state: "attend", by: "email" }, [
        attendee(0),
      ]),
    ).rejects.toThrow(/event must be/);
    await expect(
      bulkRecordParticipation(client, { event: { objectId: "1" }, state: "at tend", by: "email" }, [
        attendee(0),
      ]),
    ).rejects.toThrow(/state must be a subscriber state/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("bulk deletes", () => {
  it("bulkDelete by external ids and bulkArchive by objectId: 204 answers, every input accounted", async () => {
    const { server, client } = await hub(() => ({ status: 204 }));
    const byIds = Array.from({ length: 120 }, (_, n) => ({
      appId: 4211853,
      externalAccountId: "a",
      externalEventId: `e${n}`,
    }));
    const deleted = await bulkDelete(client, byIds);
    expect(deleted.succeeded).toHaveLength(120);
    const archived = await bulkArchive(client, [{ objectId: "1" }, { objectId: "2" }, { objectId: "1" }]);
    expect(archived.succeeded.map((s) => s.index)).toEqual([0, 1]);
    expect(archived.failed.map((f) => [f.index, f.error.kind])).toEqual([[2, "invalid-input"]]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${BASE}/events/delete`,
      `POST ${BASE}/events/delete`,
      `POST ${BASE}/batch/archive`,
    ]);
    expect(server.requests[2]?.body).toEqual({ inputs: [{ objectId: "1" }, { objectId: "2" }] });
  });
});

describe("paginate", () => {
  const pagedHub = () =>
    hub((req) => {
      const url = new URL(req.path, "http://x");
      const after = Number(url.searchParams.get("after") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      const results = Array.from({ length: Math.min(limit, 250 - after) }, (_, n) => ({
        objectId: String(after + n),
        eventName: `E${after + n}`,
        customProperties: [],
        createdAt: "2026-04-01T00:00:00Z",
        updatedAt: "2026-04-01T00:00:00Z",
      }));
      const next = after + limit < 250 ? { paging: { next: { after: String(after + limit) } } } : {};
      return { status: 200, body: { results, ...next } };
    });

  it("follows paging.next.after to the end, keeping the caller's query", async () => {
    const { server, client } = await pagedHub();
    const events = await collect(paginate(client, BASE, { params: { query: { limit: 100 } } }));
    expect(events.map((e) => e.objectId)).toEqual(Array.from({ length: 250 }, (_, n) => String(n)));
    expect(server.requests.map((r) => r.path)).toEqual([
      `${BASE}?limit=100`,
      `${BASE}?limit=100&after=100`,
      `${BASE}?limit=100&after=200`,
    ]);
  });

  it("collect(max) stops reading once it has enough; an aborted signal stops the walk", async () => {
    const { server, client } = await pagedHub();
    expect(await collect(paginate(client, BASE, { params: { query: { limit: 100 } } }), 120)).toHaveLength(
      120,
    );
    expect(server.requests).toHaveLength(2);
    const controller = new AbortController();
    controller.abort();
    await expect(collect(paginate(client, BASE, { signal: controller.signal }))).rejects.toThrow();
    expect(server.requests).toHaveLength(2);
  });

  it("a cursor seen twice is an error, not an endless loop", async () => {
    const { client } = await hub(() => ({
      status: 200,
      body: { results: [], paging: { next: { after: "same" } } },
    }));
    await expect(collect(paginate(client, BASE))).rejects.toThrow(/cursor "same" twice/);
  });

  it("only paged GET paths compile", () => {
    const client = createClient({ baseUrl: "http://127.0.0.1:9" });
    // @ts-expect-error: not a paged GET
    void (() => paginate(client, `${BASE}/events/upsert`));
    // @ts-expect-error: `lim` is not a query parameter of this path
    void (() => paginate(client, BASE, { params: { query: { lim: 5 } } }));
    void (() =>
      paginate(client, `${BASE}/participations/contacts/{contactIdentifier}/breakdown`, {
        params: { path: { contactIdentifier: "a@b.co" } },
      }));
  });
});
