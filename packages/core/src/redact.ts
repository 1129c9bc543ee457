/**
 * Why this file exists: a token must never leave the process through an error message, a log
 * line or a snapshot. HubSpot error bodies are untrusted text that may echo what was sent, so
 * every secret the client holds is masked by value (in any of the forms a body can carry it:
 * raw, JSON-escaped, URL-encoded), and anything token-shaped is masked as well.
 */

const MASK = "[REDACTED]";

/** HubSpot private-app tokens (`pat-na1-…`), OAuth access/refresh tokens and `Bearer …` headers. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\bpat-[a-z0-9]+-[A-Za-z0-9-]+/gi,
  /\b(?:CJ|CO|CN)[A-Za-z0-9_-]{40,}/g,
];

/** Shorter strings are not masked by value: they would garble ordinary text. */
const MIN_SECRET_LENGTH = 4;

const unicodeEscaped = (s: string, upper: boolean) =>
  s.replace(/[^\x20-\x7e]/g, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, "0");
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  });

/** The forms in which a secret can appear in a body or a header. */
function forms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const all = [secret, json, unicodeEscaped(json, false), unicodeEscaped(json, true)];
  try {
    all.push(encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2));
  } catch {
    // lone surrogates cannot be URL-encoded; the raw forms still apply
  }
  // Longest first, so a form that contains another is masked whole.
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

/** Replaces every known secret and every token-shaped substring in `text` with a mask. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of forms(secret)) if (out.includes(form)) out = out.split(form).join(MASK);
  }
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, MASK);
  return out;
}

/** Deeply redacts every string (keys included) inside a JSON-like value; returns a new value. */
export function redactDeep<T>(value: T, secrets: Iterable<string> = []): T {
  const list = [...secrets];
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redact(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [redact(k, list), walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * The same error answer with every secret masked in its body and headers. Error answers are
 * small and rare, so reading the body here costs nothing that matters; success answers pass
 * through untouched.
 */
export async function redactResponse(response: Response, secrets: readonly string[]): Promise<Response> {
  const text = await response.text();
  const headers = new Headers();
  response.headers.forEach((value, key) => {
    // A header whose name carries a secret is dropped: a masked name is not a valid header name.
    if (redact(key, secrets) === key) headers.append(key, redact(value, secrets));
  });
  headers.delete("content-length");
  const out = new Response(redact(text, secrets), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  if (response.url) Object.defineProperty(out, "url", { value: safeUrl(response.url) });
  return out;
}

/** Strips query string (where a `hapikey` would be) and credentials from a URL so it is safe to log. */
export function safeUrl(url: string): string;
export function safeUrl(url: string | undefined): string | undefined;
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return redact(url.split("?")[0] ?? "");
  }
}

/** Secrets a request carries by itself: `hapikey` in its query, its own bearer token. */
export function requestSecrets(url: string, headers: Headers): string[] {
  const out: string[] = [];
  const key = url.includes("hapikey=") ? new URL(url).searchParams.get("hapikey") : null;
  if (key) out.push(key);
  const auth = headers.get("authorization");
  const bearer = auth ? /^\s*Bearer\s+(\S+)/i.exec(auth)?.[1] : undefined;
  if (bearer) out.push(bearer);
  return out;
}
