/**
 * Why this file exists: attendance is recorded for contacts, by HubSpot contact id (`vid`) or by
 * email, and an email HubSpot does not know creates a contact (with `contactProperties`, which
 * never change an existing one). Each portal keeps its contacts here.
 */

export interface Contact {
  vid: number;
  email: string;
  firstname?: string;
  lastname?: string;
  properties: Record<string, string>;
}

export class ContactStore {
  private readonly byVid = new Map<number, Contact>();
  private readonly byEmail = new Map<string, number>();
  private nextVid = 1001;

  get size(): number {
    return this.byVid.size;
  }

  get(vid: number): Contact | undefined {
    const c = this.byVid.get(vid);
    return c && structuredClone(c);
  }

  findByEmail(email: string): Contact | undefined {
    const vid = this.byEmail.get(email.trim().toLowerCase());
    return vid === undefined ? undefined : this.get(vid);
  }

  /** A contact id or an email address, as HubSpot's `contactIdentifier` takes them. */
  find(identifier: string): Contact | undefined {
    return /^\d+$/.test(identifier) ? this.get(Number(identifier)) : this.findByEmail(identifier);
  }

  /** The contact with this email, created (with `properties`) when there is none yet. */
  ensure(email: string, properties: Record<string, string> = {}): { contact: Contact; created: boolean } {
    const existing = this.findByEmail(email);
    if (existing) return { contact: existing, created: false };
    return { contact: this.add(email, properties), created: true };
  }

  /** Adds a contact (tests use this to have contact ids to record attendance for). */
  add(email: string, properties: Record<string, string> = {}): Contact {
    const key = email.trim().toLowerCase();
    if (this.byEmail.has(key)) throw new Error(`ContactStore.add: ${email} exists`);
    const contact: Contact = {
      vid: this.nextVid++,
      email: key,
      ...(properties.firstname !== undefined ? { firstname: properties.firstname } : {}),
      ...(properties.lastname !== undefined ? { lastname: properties.lastname } : {}),
      properties: { ...properties },
    };
    this.byVid.set(contact.vid, contact);
    this.byEmail.set(key, contact.vid);
    return structuredClone(contact);
  }

  clear(): void {
    this.byVid.clear();
    this.byEmail.clear();
  }
}
