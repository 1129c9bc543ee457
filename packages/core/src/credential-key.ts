/**
 * Why this file exists: rate limits belong to a credential (a private app, an OAuth
 * installation), and limiters are looked up by a key for it. The key is a short hash, so no
 * token is kept as a map key or could show up in a heap dump of the registry.
 */
export function credentialKey(kind: string, secret: string): string {
  // FNV-1a, 32 bits: stable and short; collisions only merge two limiters.
  let h = 0x811c9dc5;
  for (let i = 0; i < secret.length; i++) h = Math.imul(h ^ secret.charCodeAt(i), 0x01000193) >>> 0;
  return `${kind}:${h.toString(16).padStart(8, "0")}`;
}
