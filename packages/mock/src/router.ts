/**
 * Why this file exists: the mock serves whatever `specs/` holds. Each spec's operations become
 * routes, matched by method and path template; the part of the path after the version's common
 * prefix (e.g. `/events/upsert`) is what the handlers key on, so a new version is served as is.
 */
import {
  createSchemaCompiler,
  createUnknownFieldFinder,
  type SchemaCheck,
  type UnknownFieldCheck,
} from "./validator.js";

export interface Route {
  version: string;
  method: string;
  /** The path template as written in the spec. */
  path: string;
  /** The path after the version prefix, e.g. `/events/upsert`. */
  suffix: string;
  operation: Record<string, any>;
  /** Validates the JSON request body; undefined when the operation takes none. */
  checkBody?: SchemaCheck;
  /** Finds the fields of a JSON request body that its schema does not declare. */
  findUnknownFields?: UnknownFieldCheck;
  bodyRequired: boolean;
  /** Validates a JSON response body for a status (or `default`). */
  checkResponse(status: number, body: unknown): ReturnType<SchemaCheck>;
  regex: RegExp;
  paramNames: string[];
}

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

const jsonSchemaOf = (container: any): unknown => {
  const content = container?.content ?? {};
  return (content["application/json"] ?? content["*/*"] ?? Object.values<any>(content)[0])?.schema;
};

/** Longest `/`-bounded prefix shared by every path, e.g. `/marketing/v3/marketing-events`. */
function commonPrefix(paths: string[]): string {
  if (paths.length === 0) return "";
  const split = paths.map((p) => p.split("/"));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length - 1 && split.every((s) => s[n] === first[n] && !/^\{/.test(first[n] ?? ""))) n++;
  return first.slice(0, n).join("/");
}

export class Router {
  readonly routes: Route[] = [];

  constructor(specs: Record<string, any>) {
    for (const [version, doc] of Object.entries(specs)) {
      const compile = createSchemaCompiler(doc);
      const unknownFieldsOf = createUnknownFieldFinder(doc);
      const paths = Object.keys(doc.paths ?? {});
      const prefix = commonPrefix(paths);
      for (const path of paths) {
        const item = doc.paths[path];
        for (const method of METHODS) {
          const operation = item?.[method];
          if (!operation) continue;
          const paramNames: string[] = [];
          const pattern = path
            .split(/(\{[^}]+\})/)
            .map((part) => {
              const m = /^\{([^}]+)\}$/.exec(part);
              if (m) {
                paramNames.push(m[1] ?? "");
                return "([^/]+)";
              }
              return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
            })
            .join("");
          const bodySchema = jsonSchemaOf(operation.requestBody);
          const responseChecks = new Map<string, SchemaCheck>();
          for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
            const schema = jsonSchemaOf(response);
            if (schema) responseChecks.set(status, compile(schema));
          }
          this.routes.push({
            version,
            method: method.toUpperCase(),
            path,
            suffix: path.slice(prefix.length) || "/",
            operation,
            ...(bodySchema
              ? { checkBody: compile(bodySchema), findUnknownFields: unknownFieldsOf(bodySchema) }
              : {}),
            bodyRequired: operation.requestBody?.required === true,
            checkResponse: (status, body) => {
              const check = responseChecks.get(String(status)) ?? responseChecks.get("default");
              return check ? check(body) : [];
            },
            regex: new RegExp(`^${pattern}$`),
            paramNames,
          });
        }
      }
    }
  }

  get versions(): string[] {
    return [...new Set(this.routes.map((r) => r.version))].sort();
  }

  match(method: string, pathname: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(pathname);
      if (!m) continue;
      if (route.method !== method.toUpperCase()) {
        allowed.push(route.method);
        continue;
      }
      const params = Object.fromEntries(
        route.paramNames.map((name, i) => [name, decodeURIComponent(m[i + 1] ?? "")]),
      );
      return { kind: "found", route, params };
    }
    return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
  }
}
