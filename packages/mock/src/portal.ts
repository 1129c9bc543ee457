/**
 * Why this file exists: HubSpot keeps data per portal (account), and a token belongs to one
 * portal. The mock keeps one Portal per portal id (events, contacts, participations, list
 * associations); `portals` options map tokens to portal ids, and every other token uses the
 * default portal, so a suite with one token sees one store (`mock.state.events`).
 */
import { ContactStore } from "./contacts.js";
import { ParticipationStore } from "./participations.js";
import { EventStore, counterFrom } from "./store.js";

export interface ListInfo {
  listId: string;
  name: string;
  createdAt: string;
}

/** Contact lists associated with each event (by objectId), and the lists the portal knows. */
export class ListAssociations {
  private readonly byEvent = new Map<string, Map<string, ListInfo>>();
  private readonly known = new Map<string, ListInfo>();

  /** Names a list; a list id never named is known as `List <id>`. */
  define(listId: string, name: string, now = new Date().toISOString()): void {
    this.known.set(listId, { listId, name, createdAt: now });
  }

  private info(listId: string, now: string): ListInfo {
    let list = this.known.get(listId);
    if (!list) {
      list = { listId, name: `List ${listId}`, createdAt: now };
      this.known.set(listId, list);
    }
    return list;
  }

  add(objectId: string, listId: string, now: string): void {
    const lists = this.byEvent.get(objectId) ?? new Map<string, ListInfo>();
    lists.set(listId, this.info(listId, now));
    this.byEvent.set(objectId, lists);
  }

  remove(objectId: string, listId: string): boolean {
    return this.byEvent.get(objectId)?.delete(listId) ?? false;
  }

  of(objectId: string): ListInfo[] {
    return [...(this.byEvent.get(objectId)?.values() ?? [])].map((l) => ({ ...l }));
  }

  removeEvent(objectId: string): void {
    this.byEvent.delete(objectId);
  }

  clear(): void {
    this.byEvent.clear();
    this.known.clear();
  }
}

export class Portal {
  readonly events: EventStore;
  readonly contacts = new ContactStore();
  readonly participations = new ParticipationStore();
  readonly lists = new ListAssociations();

  constructor(
    readonly id: string,
    nextObjectId: () => number,
  ) {
    this.events = new EventStore(nextObjectId);
  }

  /** Deletes an event and what hangs off it. */
  deleteEvent(objectId: string): boolean {
    if (!this.events.remove(objectId)) return false;
    this.participations.removeEvent(objectId);
    this.lists.removeEvent(objectId);
    return true;
  }

  clear(): void {
    this.events.clear();
    this.contacts.clear();
    this.participations.clear();
    this.lists.clear();
  }
}

export const DEFAULT_PORTAL = "default";

/** Portals by id, and which portal a token belongs to. */
export class Portals {
  private readonly byId = new Map<string, Portal>();
  private readonly ofToken = new Map<string, string>();
  /** objectIds are unique across portals: a test that reads one portal's id in another gets 404. */
  private readonly nextObjectId = counterFrom(58_237_100_000);

  constructor(tokensByPortal: Record<string, string[]> = {}) {
    for (const [id, tokens] of Object.entries(tokensByPortal)) {
      for (const token of tokens) this.ofToken.set(token, id);
    }
    this.get(DEFAULT_PORTAL);
  }

  get(id: string = DEFAULT_PORTAL): Portal {
    let portal = this.byId.get(id);
    if (!portal) {
      portal = new Portal(id, this.nextObjectId);
      this.byId.set(id, portal);
    }
    return portal;
  }

  forToken(token: string): Portal {
    return this.get(this.ofToken.get(token) ?? DEFAULT_PORTAL);
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  clear(): void {
    for (const portal of this.byId.values()) portal.clear();
  }
}
