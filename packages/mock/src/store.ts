/**
 * Why this file exists: the mock keeps marketing events the way HubSpot does, one store per
 * portal shared by every API version: keyed by (externalAccountId, externalEventId) for create
 * and upsert, by a stable objectId for batch update, with createdAt/updatedAt kept.
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

export class EventStore {
  private readonly byId = new Map<string, StoredEvent>();
  private readonly byKey = new Map<string, string>();
  private nextId = 58_237_100_000;

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
      objectId: String(this.nextId++),
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

  /** Updates by objectId; `undefined` when there is no such event. */
  update(input: Input, now: string): StoredEvent | undefined {
    const existing = this.byId.get(String(input.objectId));
    if (!existing) return undefined;
    applyFields(existing, input);
    existing.updatedAt = now;
    return structuredClone(existing);
  }

  clear(): void {
    this.byId.clear();
    this.byKey.clear();
  }
}
