/**
 * Why this file exists: a token must never leave the process through an error message, a log
 * line or a snapshot. HubSpot error bodies are untrusted text, so anything that looks like a
 * bearer credential is masked before it is stored on an error.
 */

const MASK = "[REDACTED]";

/** HubSpot private-app tokens (`pat-na1-…`), OAuth access/refresh tokens and `Bearer …` headers. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\bpat-[a-z0-9]+-[A-Za-z0-9-]+/gi,
  /\b(?:CJ|CO|CN)[A-Za-z0-9_-]{40,}/g,
];

/** Replaces every known secret and every token-shaped substring in `text` with a mask. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(MASK);
  }
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, MASK);
  return out;
}

/** Deeply redacts every string inside a JSON-like value; returns a new value. */
export function redactDeep<T>(value: T, secrets: Iterable<string> = []): T {
  const list = [...secrets];
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redact(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}
