/**
 * One store per portal: tokens the `portals` option maps to a portal see only that portal's
 * events, contacts and lists; every other token uses the default portal (`mock.state.events`).
 * App settings belong to the developer account and are shared.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../src/index.js";
import { V2026, V3, call, event } from "./helpers.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({
    rateLimit: false,
    portals: { east: ["pat-east-1", "pat-east-2"], west: ["pat-west"] },
  });
});
afterAll(() => mock.close());

describe("portals", () => {
  it("keeps each portal's events apart, and shares a portal between its tokens", async () => {
    const east = await call(mock.url, "POST", `${V3}/events`, { token: "pat-east-1", body: event(1) });
    expect(east.status).toBe(200);
    // Same external ids in another portal: no conflict, another record.
    const west = await call(mock.url, "POST", `${V3}/events`, { token: "pat-west", body: event(1) });
    expect(west.status).toBe(200);
    expect(west.body.objectId).not.toBe(east.body.objectId);

    const read = (token: string, objectId: string) =>
      call(mock.url, "GET", `${V2026}/${objectId}`, { token });
    expect((await read("pat-east-2", east.body.objectId)).status).toBe(200);
    expect((await read("pat-west", east.body.objectId)).status).toBe(404);
    expect((await read("test-token", east.body.objectId)).status).toBe(404);

    expect(mock.state.portal("east").events.size).toBe(1);
    expect(mock.state.portal("west").events.size).toBe(1);
    expect(mock.state.events.size).toBe(0);
    await call(mock.url, "POST", `${V3}/events`, { token: "test-token", body: event(2) });
    expect(mock.state.events.findByKey("acct-1", "evt-2")).toBeDefined();
    expect(mock.state.portal().events.size).toBe(1);
  });

  it("records contacts per portal", async () => {
    const path = `${V3}/attendance/evt-1/register/email-create?externalAccountId=acct-1`;
    const body = { inputs: [{ email: "ann@example.com", interactionDateTime: 1 }] };
    expect((await call(mock.url, "POST", path, { token: "pat-east-1", body })).status).toBe(200);
    expect(mock.state.portal("east").contacts.findByEmail("ann@example.com")).toBeDefined();
    expect(mock.state.portal("west").contacts.findByEmail("ann@example.com")).toBeUndefined();
  });

  it("reset empties every portal", () => {
    mock.reset();
    expect(mock.state.portal("east").events.size).toBe(0);
    expect(mock.state.portal("west").events.size).toBe(0);
    expect(mock.state.portal("east").contacts.size).toBe(0);
  });
});
