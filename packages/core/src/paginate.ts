/**
 * Why this file exists: HubSpot pages its lists (all events, participation breakdowns by event
 * and by contact) with `paging.next.after` cursors, and every user would otherwise write the
 * same loop. `paginate` walks any paged GET of a client, typed from the client's own paths (a
 * wrong path or query fails to compile), stops on an AbortSignal, and throws HubSpotApiError on
 * an error answer; `collect` gathers up to N items.
 */
import type { Client, FetchOptions } from "openapi-fetch";
import { unwrap } from "./unwrap.js";

type Get<P, K extends keyof P> = P[K] extends { get: infer Op } ? Op : never;
type OkBody<Op> = Op extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;
type HasAfter<Op> = Op extends { parameters: { query?: infer Q } }
  ? "after" extends keyof NonNullable<Q>
    ? true
    : false
  : false;

/** The GET paths of `P` whose answer is a page: `results[]` and an `after` cursor parameter. */
export type PagedPath<P> = {
  [K in keyof P]: [Get<P, K>] extends [never]
    ? never
    : OkBody<Get<P, K>> extends { results: unknown[] }
      ? HasAfter<Get<P, K>> extends true
        ? K
        : never
      : never;
}[keyof P];

/** One item of a paged path's `results`. */
export type PageItem<P, K extends keyof P> = OkBody<Get<P, K>> extends { results: (infer T)[] } ? T : never;

/** The request options of a paged path (path and query parameters), without the cursor. */
export type PageInit<P, K extends keyof P> = FetchOptions<Get<P, K>> & { signal?: AbortSignal };

interface PageLike {
  results?: unknown[];
  paging?: { next?: { after?: string } };
}

/**
 * Yields every item of a paged GET, page after page, following `paging.next.after` until
 * HubSpot gives no next cursor. A cursor seen twice ends the walk with an error instead of a loop.
 *
 * ```ts
 * for await (const event of paginate(client, "/marketing/marketing-events/2026-09", { params: { query: { limit: 100 } } }))
 *   console.log(event.objectId);
 * ```
 */
export async function* paginate<P extends {}, K extends PagedPath<P> & string>(
  client: Client<P>,
  path: K,
  init?: PageInit<P, K>,
): AsyncGenerator<PageItem<P, K>, void, undefined> {
  const base = (init ?? {}) as { params?: { query?: Record<string, unknown> }; signal?: AbortSignal };
  const seen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    base.signal?.throwIfAborted();
    const query = { ...(base.params?.query ?? {}), ...(after === undefined ? {} : { after }) };
    const page = unwrap(
      await (client as unknown as Client<Record<string, never>>).request(
        "get" as never,
        path as never,
        {
          ...base,
          params: { ...(base.params ?? {}), query },
        } as never,
      ),
    ) as PageLike;
    for (const item of page?.results ?? []) yield item as PageItem<P, K>;
    after = page?.paging?.next?.after;
    if (after === undefined || after === "") return;
    if (seen.has(after))
      throw new Error(`paginate: HubSpot returned the cursor ${JSON.stringify(after)} twice for ${path}`);
    seen.add(after);
  }
}

/** Collects up to `max` items of an async iterable (all of them when `max` is omitted). */
export async function collect<T>(items: AsyncIterable<T>, max = Infinity): Promise<T[]> {
  if (!(max >= 0)) throw new RangeError(`max must be a number >= 0, got ${max}`);
  const out: T[] = [];
  if (max === 0) return out;
  for await (const item of items) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}
