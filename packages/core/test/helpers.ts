import { afterAll, beforeAll, beforeEach } from "vitest";
import { startTestServer, type TestServer } from "../../../test/helpers/http-server.js";
import { VirtualClock } from "../src/index.js";

/** A VirtualClock that remembers every sleep, so tests can assert backoff and limiter waits. */
export class RecordingClock extends VirtualClock {
  readonly sleeps: number[] = [];
  override sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return super.sleep(ms, signal);
  }
}

export type Paths = {
  [path: string]: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": Record<string, unknown> } };
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { "application/json": Record<string, unknown> };
        };
        default: { headers: { [name: string]: unknown }; content: { "*/*": Record<string, unknown> } };
      };
    };
  };
};

export const UPSERT = "/marketing/v3/marketing-events/events/upsert";
export const CREATE = "/marketing/v3/marketing-events/events";

/** A test server on 127.0.0.1 for the whole file, its request log emptied before each test. */
export function useTestServer(): { readonly current: TestServer } {
  const ref = {} as { current: TestServer };
  beforeAll(async () => {
    ref.current = await startTestServer();
  });
  afterAll(() => ref.current.close());
  beforeEach(() => {
    ref.current.requests.length = 0;
  });
  return ref;
}
