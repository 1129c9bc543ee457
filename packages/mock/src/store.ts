/**
 * Why this file exists: the mock keeps marketing events the way HubSpot does, one store per
 * portal shared by every API version: one record reachable by (externalAccountId,
 * externalEventId) and by a stable, increasing objectId (the list-all cursor), with
 * createdAt/updatedAt kept.
 */

export interface CustomProperty {
  name: string;
  value: string;
}

export interface StoredEvent {
  objectId: string;
  externalAccountId: string;
  externalEventId: string;
  eventName: string;
  eventOrganizer?: string;
  eventType?: string;
  eventDescription?: string;
  eventUrl?: string;
  startDateTime?: string;
  endDateTime?: string;
  eventCancelled?: boolean;
  eventCompleted?: boolean;
  customProperties: CustomProperty[];
  createdAt: string;
  updatedAt: string;
}

/** Fields a request may set besides the name and organizer; responses echo them when set. */
export const OPTIONAL_FIELDS = [
  "eventType",
  "eventDescription",
  "eventUrl",
  "startDateTime",
  "endDateTime",
  "eventCancelled",
  "eventCompleted",
] as const;

const FIELDS = ["eventName", "eventOrganizer", ...OPTIONAL_FIELDS] as const;

type Input = Record<string, unknown>;

/** Custom properties merged by name: a later value replaces an earlier one. */
function mergeProperties(current: CustomProperty[], incoming: unknown): CustomProperty[] {
  if (!Array.isArray(incoming)) return current;
  const byName = new Map(current.map((p) => [p.name, p]));
  for (const p of incoming as Input[]) {
    byName.set(String(p.name), { name: String(p.name), value: String(p.value ?? "") });
  }
  return [...byName.values()];
}

function applyFields(event: StoredEvent, input: Input): void {
  for (const field of FIELDS) {
    if (input[field] !== undefined) (event as unknown as Input)[field] = input[field];
  }
  event.customProperties = mergeProperties(event.customProperties, input.customProperties);
}

/** Increasing numbers from `start`. */
export function counterFrom(start: number): () => number {
  let next = start;
  return () => next++;
}

export class EventStore {
  private readonly byId = new Map<string, StoredEvent>();
  private readonly byKey = new Map<string, string>();

  /** `nextId`: the objectId source, shared by the portals of one mock (ids are never reused). */
  constructor(private readonly nextId: () => number = counterFrom(58_237_100_000)) {}

  private static key(externalAccountId: unknown, externalEventId: unknown): string {
    return JSON.stringify([String(externalAccountId), String(externalEventId)]);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): StoredEvent[] {
    return [...this.byId.values()].map((e) => structuredClone(e));
  }

  get(objectId: string): StoredEvent | undefined {
    const e = this.byId.get(objectId);
    return e && structuredClone(e);
  }

  findByKey(externalAccountId: string, externalEventId: string): StoredEvent | undefined {
    const id = this.byKey.get(EventStore.key(externalAccountId, externalEventId));
    return id === undefined ? undefined : this.get(id);
  }

  /** Creates an event; `undefined` when one with the same key exists. */
  create(input: Input, now: string): StoredEvent | undefined {
    const key = EventStore.key(input.externalAccountId, input.externalEventId);
    if (this.byKey.has(key)) return undefined;
    const event: StoredEvent = {
      objectId: String(this.nextId()),
      externalAccountId: String(input.externalAccountId),
      externalEventId: String(input.externalEventId),
      eventName: String(input.eventName),
      customProperties: [],
      createdAt: now,
      updatedAt: now,
    };
    applyFields(event, input);
    this.byId.set(event.objectId, event);
    this.byKey.set(key, event.objectId);
    return structuredClone(event);
  }

  /** Updates the event with the input's key, or creates it; never a second event per key. */
  upsert(input: Input, now: string): StoredEvent {
    const id = this.byKey.get(EventStore.key(input.externalAccountId, input.externalEventId));
    const existing = id === undefined ? undefined : this.byId.get(id);
    if (!existing) return this.create(input, now) as StoredEvent;
    applyFields(existing, input);
    existing.updatedAt = now;
    return structuredClone(existing);
  }

  /** Updates by objectId (`input.objectId`, or `objectId`); `undefined` when there is none. */
  update(input: Input, now: string, objectId = String(input.objectId)): StoredEvent | undefined {
    const existing = this.byId.get(objectId);
    if (!existing) return undefined;
    applyFields(existing, input);
    existing.updatedAt = now;
    return structuredClone(existing);
  }

  /** Deletes by objectId; false when there was no such event. */
  remove(objectId: string): boolean {
    const existing = this.byId.get(objectId);
    if (!existing) return false;
    this.byId.delete(objectId);
    this.byKey.delete(EventStore.key(existing.externalAccountId, existing.externalEventId));
    return true;
  }

  /** Events in objectId order, starting after the objectId `after` (a cursor that survives changes). */
  list(after?: string): StoredEvent[] {
    const from = after === undefined ? -1n : BigInt(after);
    return [...this.byId.values()]
      .filter((e) => BigInt(e.objectId) > from)
      .sort((a, b) => (BigInt(a.objectId) < BigInt(b.objectId) ? -1 : 1))
      .map((e) => structuredClone(e));
  }

  /** Every event with this externalEventId, whichever account it belongs to, oldest first. */
  withExternalEventId(externalEventId: string): StoredEvent[] {
    return this.list().filter((e) => e.externalEventId === externalEventId);
  }

  clear(): void {
    this.byId.clear();
    this.byKey.clear();
  }
}
