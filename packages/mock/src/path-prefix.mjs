// @ts-check
/**
 * Why this file exists: handlers key on the path after a version's prefix (`/events/upsert`), so
 * every version gets the same behaviour. HubSpot does not keep every operation under one prefix
 * (v3's list-all is `/marketing/marketing-events/v3` beside `/marketing/v3/marketing-events/...`),
 * so the prefix is the one most paths share, and a path outside it keeps only its own segments.
 * Plain JavaScript so that the generator (scripts/lib/render-package.mjs) computes each package's
 * BASE_PATH with this very code: the clients and the mock cannot disagree on it.
 */

/**
 * The longest `/`-bounded prefix of literal segments shared by more than half of the paths (all
 * of them when every path shares it), never a whole path's last segment.
 * @param {string[]} paths
 * @returns {string}
 */
export function versionPrefix(paths) {
  if (paths.length === 0) return "";
  const split = paths.map((p) => p.split("/"));
  /** @type {string[]} */
  let prefix = [];
  for (let n = 1; ; n++) {
    /** @type {Map<string, string[][]>} */
    const groups = new Map();
    for (const segs of split) {
      if (segs.length < n || segs.slice(0, n).some((s) => s.startsWith("{"))) continue;
      const key = segs.slice(0, n).join("/");
      groups.set(key, [...(groups.get(key) ?? []), segs]);
    }
    const best = [...groups.values()].sort((a, b) => b.length - a.length)[0];
    if (!best || best.length * 2 <= paths.length) break;
    if (n >= Math.max(...best.map((s) => s.length))) break;
    prefix = (best[0] ?? []).slice(0, n);
  }
  return prefix.join("/");
}

/**
 * The part of `path` after `prefix` (`/` for the prefix itself). A path outside the prefix keeps
 * the segments the prefix does not name: `/marketing/marketing-events/v3` under
 * `/marketing/v3/marketing-events` is `/`.
 * @param {string} path
 * @param {string} prefix
 * @returns {string}
 */
export function pathSuffix(path, prefix) {
  if (path === prefix || path.startsWith(`${prefix}/`)) return path.slice(prefix.length) || "/";
  const named = new Set(prefix.split("/"));
  const own = path.split("/").filter((s) => s !== "" && !named.has(s));
  return `/${own.join("/")}`;
}
