/**
 * Why this file exists: HubSpot keeps one participation per (event, contact): what the contact
 * did (registered, attended with joinedAt/leftAt, cancelled) and when. Counters and breakdowns
 * are computed from these records, so they always agree with each other.
 */

export type SubscriberState = "register" | "attend" | "cancel";
export type AttendanceState = "REGISTERED" | "ATTENDED" | "CANCELLED" | "NO_SHOW";

export interface Participation {
  /** Increasing id: the breakdown's paging cursor. */
  id: number;
  objectId: string;
  vid: number;
  registered: boolean;
  attended: boolean;
  /** The latest state recorded; a cancellation counts while it is the latest. */
  latest: SubscriberState;
  /** The latest interactionDateTime (ms since the epoch). */
  occurredAt: number;
  joinedAt?: string;
  leftAt?: string;
  createdAt: string;
}

export interface Counters {
  registered: number;
  attended: number;
  cancelled: number;
  noShows: number;
}

/** The breakdown's attendanceState; `over`: the event is completed or has ended. */
export function attendanceState(p: Participation, over: boolean): AttendanceState {
  if (p.attended) return "ATTENDED";
  if (p.latest === "cancel") return "CANCELLED";
  return over ? "NO_SHOW" : "REGISTERED";
}

export class ParticipationStore {
  private readonly records = new Map<string, Participation>();
  private nextId = 1;

  private static key(objectId: string, vid: number): string {
    return `${objectId}/${vid}`;
  }

  /** Records one interaction; a later call for the same pair updates the record. */
  record(
    objectId: string,
    vid: number,
    state: SubscriberState,
    at: { occurredAt: number; now: string; joinedAt?: string; leftAt?: string },
  ): Participation {
    const key = ParticipationStore.key(objectId, vid);
    const p = this.records.get(key) ?? {
      id: this.nextId++,
      objectId,
      vid,
      registered: false,
      attended: false,
      latest: state,
      occurredAt: at.occurredAt,
      createdAt: at.now,
    };
    if (state === "register") p.registered = true;
    if (state === "attend") {
      p.attended = true;
      if (at.joinedAt !== undefined) p.joinedAt = at.joinedAt;
      if (at.leftAt !== undefined) p.leftAt = at.leftAt;
    }
    if (at.occurredAt >= p.occurredAt || !this.records.has(key)) {
      p.latest = state;
      p.occurredAt = at.occurredAt;
    }
    this.records.set(key, p);
    return structuredClone(p);
  }

  /** Participations in id order, optionally of one event or one contact. */
  list(filter: { objectId?: string; vid?: number } = {}): Participation[] {
    return [...this.records.values()]
      .filter((p) => filter.objectId === undefined || p.objectId === filter.objectId)
      .filter((p) => filter.vid === undefined || p.vid === filter.vid)
      .sort((a, b) => a.id - b.id)
      .map((p) => structuredClone(p));
  }

  counters(objectId: string, over: boolean): Counters {
    const out: Counters = { registered: 0, attended: 0, cancelled: 0, noShows: 0 };
    for (const p of this.list({ objectId })) {
      if (p.registered) out.registered++;
      const state = attendanceState(p, over);
      if (state === "ATTENDED") out.attended++;
      else if (state === "CANCELLED") out.cancelled++;
      else if (state === "NO_SHOW" && p.registered) out.noShows++;
    }
    return out;
  }

  /** Forgets an event's participations (the event was deleted). */
  removeEvent(objectId: string): void {
    for (const [key, p] of this.records) if (p.objectId === objectId) this.records.delete(key);
  }

  clear(): void {
    this.records.clear();
  }
}
