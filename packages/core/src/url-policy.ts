/**
 * Why this file exists: a bearer token sent over plain http can be read by anyone on the path.
 * A request gets its URL from the client's `baseUrl`, a per-request `baseUrl`, an absolute path
 * or a redirect; every one of them passes through `checkUrl` right before a token is attached.
 */

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Thrown before sending when a URL would carry credentials unencrypted (or is not http at all). */
export class HubSpotInsecureUrlError extends TypeError {
  override name = "HubSpotInsecureUrlError";
}

/** Parses `url` and refuses plain http to any host but loopback unless explicitly allowed. */
export function checkUrl(url: string, allowInsecureHttp: boolean | undefined, what = "URL"): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HubSpotInsecureUrlError(`${what} must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new HubSpotInsecureUrlError(`${what} must use http or https, got ${parsed.protocol}`);
  }
  if (parsed.protocol === "http:" && !LOOPBACK.test(parsed.hostname) && !allowInsecureHttp) {
    throw new HubSpotInsecureUrlError(
      `refusing plain http to ${parsed.host} (${what}): the access token would travel unencrypted; use https, or set allowInsecureHttp: true`,
    );
  }
  return parsed;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface Redirect {
  url: string;
  method: string;
  /** False when the method changed to GET: the body is not sent again. */
  keepBody: boolean;
  /** The target is another origin: credentials are not sent there. */
  crossOrigin: boolean;
}

/** Where a 3xx answer sends the request next (fetch's rules), or undefined when it is not a redirect. */
export function redirectOf(
  response: Response,
  from: string,
  method: string,
  allowInsecureHttp: boolean | undefined,
): Redirect | undefined {
  const location = response.headers.get("location");
  if (!REDIRECTS.has(response.status) || !location) return undefined;
  const target = checkUrl(new URL(location, from).href, allowInsecureHttp, "redirect target");
  const toGet =
    response.status === 303 ? method !== "HEAD" : [301, 302].includes(response.status) && method === "POST";
  return {
    url: target.href,
    method: toGet ? "GET" : method,
    keepBody: !toGet,
    crossOrigin: target.origin !== new URL(from).origin,
  };
}
