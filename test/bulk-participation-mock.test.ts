/**
 * Attendance sync and deletes against the mock HubSpot with faults on (429s, 5xx, resets, lost
 * answers, per-item errors), every outcome checked against what the mock stored: a succeeded
 * recording is stored, a known failure and a never-sent input are not, and only an input with
 * an unknown outcome may be either. Time is virtual, shared by client and mock.
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { startMockServer } from "@org/mkt-events-mock";
import {
  VirtualClock,
  bulkArchive,
  bulkRecordParticipation,
  bulkUpsert,
  collect,
  createClient,
  paginate,
} from "@org/mkt-events-2026-09";

const FAULTS = { rate429: 0.1, rate5xx: 0.05, resetRate: 0.02, lostResponseRate: 0.03, itemErrorRate: 0.02 };

async function faultyHub(seed: number) {
  const clock = new VirtualClock();
  const mock = await startMockServer({ clock, rateLimit: false, faults: { seed, ...FAULTS } });
  onTestFinished(() => mock.close());
  const client = createClient({ baseUrl: mock.url, auth: "pat-na1-sync", clock, retry: { retries: 10 } });
  return { mock, client, portal: mock.state.portal() };
}

describe("bulkRecordParticipation against the faulty mock", () => {
  it.each([
    { by: "email" as const, event: "external ids", seed: 11 },
    { by: "contactId" as const, event: "objectId", seed: 12 },
  ])(
    "by $by for an event named by $event: every input accounted against the store",
    async ({ by, event, seed }) => {
      const { mock, client, portal } = await faultyHub(seed);
      const webinar = {
        externalAccountId: "acct",
        externalEventId: "webinar-1",
        eventName: "W",
        eventOrganizer: "Acme",
        customProperties: [],
      };
      const created = await bulkUpsert(client, [webinar]);
      expect(created.succeeded).toHaveLength(1);
      const objectId = portal.events.findByKey("acct", "webinar-1")!.objectId;
      const emails = Array.from({ length: 1500 }, (_, n) => `person-${n}@example.com`);
      // By contact id, the contacts must exist: the test creates them in the mock's store first.
      const vids = by === "contactId" ? emails.map((email) => portal.contacts.add(email).vid) : [];
      const target =
        event === "objectId" ? { objectId } : { externalAccountId: "acct", externalEventId: "webinar-1" };
      const at = Date.UTC(2026, 3, 15, 16);
      const result =
        by === "email"
          ? await bulkRecordParticipation(
              client,
              { event: target, state: "register", by },
              emails.map((email) => ({ email, interactionDateTime: at })),
              { maxBatchSize: 50 },
            )
          : await bulkRecordParticipation(
              client,
              { event: target, state: "attend", by },
              vids.map((vid) => ({
                vid: vid as number,
                interactionDateTime: at,
                properties: { joinedAt: "2026-04-15T16:00:00Z" },
              })),
              { maxBatchSize: 50 },
            );

      const stored = new Set(portal.participations.list({ objectId }).map((p) => p.vid));
      const vidOf = (i: number) => (by === "email" ? portal.contacts.findByEmail(emails[i]!)?.vid : vids[i]);
      const seen = [...result.succeeded, ...result.failed, ...result.notAttempted].map((o) => o.index);
      expect(seen.sort((a, b) => a - b)).toEqual(emails.map((_, i) => i));
      for (const s of result.succeeded) expect(stored.has(vidOf(s.index)!), `input ${s.index}`).toBe(true);
      for (const f of result.failed)
        if (!f.error.outcomeUnknown) expect(stored.has(vidOf(f.index) ?? -1), `input ${f.index}`).toBe(false);
      for (const n of result.notAttempted) expect(stored.has(vidOf(n.index) ?? -1)).toBe(false);
      expect(result.succeeded.length).toBeGreaterThan(1000);
      expect(mock.state.responseViolations).toEqual([]);
    },
  );
});

describe("settling recordings whose answer was lost (the README's recipe)", () => {
  it("the breakdown by contact tells the stored ones from the others; resending the others completes the sync", async () => {
    const clock = new VirtualClock();
    // Lost answers (applied, then the connection drops) and resets (dropped before anything is
    // applied) both leave the client unsure: the recipe must tell them apart.
    const faults = { seed: 31, lostResponseRate: 0.15, resetRate: 0.15 };
    const mock = await startMockServer({ clock, rateLimit: false, faults });
    onTestFinished(() => mock.close());
    const client = createClient({ baseUrl: mock.url, auth: "pat-na1-sync", clock });
    const portal = mock.state.portal();
    const webinar = { externalAccountId: "acct", externalEventId: "webinar-1" };
    const event = { ...webinar, eventName: "W", eventOrganizer: "Acme", customProperties: [] };
    // The event must exist first (the faults hit this call too).
    for (let i = 0; i < 10 && (await bulkUpsert(client, [event])).succeededCount === 0; i++);
    const objectId = portal.events.findByKey("acct", "webinar-1")!.objectId;
    const storedEmails = () =>
      new Set(portal.participations.list({ objectId }).map((p) => portal.contacts.get(p.vid)?.email));
    const inputs = Array.from({ length: 400 }, (_, n) => ({
      email: `person-${n}@example.com`,
      interactionDateTime: Date.UTC(2026, 3, 15, 16),
      properties: { joinedAt: "2026-04-15T16:00:00Z" },
    }));
    const target = { event: webinar, state: "attend", by: "email" } as const;
    const attended = await bulkRecordParticipation(client, target, inputs, { maxBatchSize: 20 });
    const unsure = attended.failed.filter((f) => f.error.outcomeUnknown).map((f) => f.input);

    const toResend = [];
    for (const input of unsure) {
      const shown = await collect(
        paginate(
          client,
          "/marketing/marketing-events/2026-09/participations/{externalAccountId}/{externalEventId}/breakdown",
          { params: { path: webinar, query: { contactIdentifier: input.email, limit: 10 } } },
        ),
      );
      if (!shown.some((p) => p.properties.attendanceState === "ATTENDED")) toResend.push(input);
    }
    const stored = storedEmails();
    const unsureStored = unsure.filter((i) => stored.has(i.email));
    expect(unsureStored.length).toBeGreaterThan(0);
    expect(unsure.length - unsureStored.length).toBeGreaterThan(0);
    expect(toResend).toEqual(unsure.filter((i) => !stored.has(i.email)));

    const again = await bulkRecordParticipation(client, target, toResend);
    const after = storedEmails();
    const stillUnsure = new Set(again.failed.filter((f) => f.error.outcomeUnknown).map((f) => f.input.email));
    for (const input of toResend) expect(after.has(input.email) || stillUnsure.has(input.email)).toBe(true);
    expect(again.succeededCount).toBeGreaterThan(0);
  });
});

describe("bulkArchive against the faulty mock", () => {
  it("archived events are gone, the others stay", async () => {
    const { client, portal } = await faultyHub(21);
    const events = Array.from({ length: 300 }, (_, n) => ({
      externalAccountId: "acct",
      externalEventId: `e-${n}`,
      eventName: `E${n}`,
      eventOrganizer: "Acme",
      customProperties: [],
    }));
    const created = await bulkUpsert(client, events);
    const ids = created.succeeded.map(
      (s) => portal.events.findByKey("acct", s.input.externalEventId)!.objectId,
    );
    const archived = await bulkArchive(
      client,
      ids.map((objectId) => ({ objectId })),
      { maxBatchSize: 25 },
    );
    for (const s of archived.succeeded) expect(portal.events.get(s.input.objectId)).toBeUndefined();
    for (const f of archived.failed)
      if (!f.error.outcomeUnknown) expect(portal.events.get(f.input.objectId)).toBeDefined();
    expect(archived.succeeded.length + archived.failed.length + archived.notAttempted.length).toBe(
      ids.length,
    );
  });
});
