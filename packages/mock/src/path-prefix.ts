/**
 * Why this file exists: handlers key on the path after a version's prefix (`/events/upsert`), so
 * every version gets the same behaviour. HubSpot does not keep every operation under one prefix
 * (v3's list-all is `/marketing/marketing-events/v3` beside `/marketing/v3/marketing-events/...`),
 * so the prefix is the one most paths share, and a path outside it keeps only its own segments.
 * The generator computes BASE_PATH the same way (scripts/lib/render-package.mjs).
 */

/**
 * The longest `/`-bounded prefix of literal segments shared by more than half of the paths (all
 * of them when every path shares it), never a whole path's last segment.
 */
export function versionPrefix(paths: string[]): string {
  if (paths.length === 0) return "";
  const split = paths.map((p) => p.split("/"));
  let prefix: string[] = [];
  for (let n = 1; ; n++) {
    const groups = new Map<string, string[][]>();
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
 */
export function pathSuffix(path: string, prefix: string): string {
  if (path === prefix || path.startsWith(`${prefix}/`)) return path.slice(prefix.length) || "/";
  const named = new Set(prefix.split("/"));
  const own = path.split("/").filter((s) => s !== "" && !named.has(s));
  return `/${own.join("/")}`;
}
