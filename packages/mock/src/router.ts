/**
 * Why this file exists: the mock serves whatever `specs/` holds. Each spec's operations become
 * routes, matched by method and path template, a literal segment before a parameter (so
 * `/events/search` is never `/events/{externalEventId}`); the part of the path after the
 * version's prefix (e.g. `/events/upsert`) is what the handlers key on, so a new version is
 * served as is. List-all (`/` after the prefix) also answers at the prefix itself: v3's is
 * published at `/marketing/marketing-events/v3`, and HubSpot's Node SDK calls
 * `/marketing/v3/marketing-events/`. A route also carries its documented security and
 * parameter checks.
 */
import { hubspotError, type ErrorReply } from "./hubspot-errors.js";
import { pathSuffix, versionPrefix } from "./path-prefix.mjs";
import {
  createSchemaCompiler,
  createUnknownFieldFinder,
  type SchemaCheck,
  type UnknownFieldCheck,
} from "./validator.js";

/** One way an operation accepts credentials, from its spec's `security`. */
export type SecurityScheme = { kind: "bearer" } | { kind: "query"; name: string };

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
  /** Checks path and query parameters against their schemas (required, integer). */
  checkParams(params: Record<string, string>, query: URLSearchParams): string[];
  /** Validates a JSON response body for a status (or `default`). */
  checkResponse(status: number, body: unknown): ReturnType<SchemaCheck>;
  /** Alternatives the operation accepts (any one will do); bearer when the spec says nothing. */
  security: SecurityScheme[];
  regex: RegExp;
  paramNames: string[];
  /** Path segments, `null` for a parameter: literal segments sort first. */
  segments: (string | null)[];
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

const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The schemes of an operation's security requirement (or the document's). */
function securityOf(doc: any, operation: any): SecurityScheme[] {
  const schemes = doc.components?.securitySchemes ?? {};
  const out: SecurityScheme[] = [];
  for (const requirement of operation.security ?? doc.security ?? []) {
    for (const name of Object.keys(requirement ?? {})) {
      const s = schemes[name];
      if (s?.type === "apiKey" && s.in === "query") out.push({ kind: "query", name: s.name });
      else if (s && !out.some((o) => o.kind === "bearer")) out.push({ kind: "bearer" });
    }
  }
  return out.length > 0 ? out : [{ kind: "bearer" }];
}

/** Literal segments before parameters, then longer paths first. */
function bySpecificity(a: Route, b: Route): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const x = a.segments[i] === null;
    const y = b.segments[i] === null;
    if (x !== y) return x ? 1 : -1;
  }
  return b.segments.length - a.segments.length;
}

function paramChecker(operation: any, pathItem: any): Route["checkParams"] {
  const declared: any[] = [...(pathItem?.parameters ?? []), ...(operation.parameters ?? [])];
  return (params, query) => {
    const problems: string[] = [];
    for (const p of declared) {
      const value = p.in === "path" ? params[p.name] : p.in === "query" ? query.get(p.name) : undefined;
      if (value === undefined || value === null) {
        if (p.required && p.in === "query") problems.push(`query parameter ${p.name} is required`);
        continue;
      }
      if (p.schema?.type === "integer" && !/^-?\d+$/.test(value))
        problems.push(`${p.in} parameter ${p.name} must be an integer, got ${JSON.stringify(value)}`);
    }
    return problems;
  };
}

export class Router {
  readonly routes: Route[] = [];

  constructor(specs: Record<string, any>) {
    for (const [version, doc] of Object.entries(specs)) {
      const compile = createSchemaCompiler(doc);
      const unknownFieldsOf = createUnknownFieldFinder(doc);
      const paths = Object.keys(doc.paths ?? {});
      const prefix = versionPrefix(paths);
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
              return escape(part);
            })
            .join("");
          const suffix = pathSuffix(path, prefix);
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
            suffix,
            operation,
            ...(bodySchema
              ? { checkBody: compile(bodySchema), findUnknownFields: unknownFieldsOf(bodySchema) }
              : {}),
            bodyRequired: operation.requestBody?.required === true,
            checkParams: paramChecker(operation, item),
            checkResponse: (status, body) => {
              const check = responseChecks.get(String(status)) ?? responseChecks.get("default");
              return check ? check(body) : [];
            },
            security: securityOf(doc, operation),
            regex: new RegExp(`^(?:${pattern}${suffix === "/" ? `|${escape(prefix)}/?` : ""})$`),
            paramNames,
            segments: path.split("/").map((s) => (/^\{.*\}$/.test(s) ? null : s)),
          });
        }
      }
    }
    this.routes.sort(bySpecificity);
  }

  get versions(): string[] {
    return [...new Set(this.routes.map((r) => r.version))].sort();
  }

  /** The most specific route for the method; 405 only when no template takes the method. */
  match(method: string, pathname: string): RouteMatch {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.regex.exec(pathname);
      if (!m) continue;
      if (route.method !== method.toUpperCase()) {
        if (!allowed.includes(route.method)) allowed.push(route.method);
        continue;
      }
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(
          route.paramNames.map((name, i) => [name, decodeURIComponent(m[i + 1] ?? "")]),
        );
      } catch {
        continue; // a malformed %-escape: no operation takes it
      }
      return { kind: "found", route, params };
    }
    return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
  }
}

/** HubSpot's 404 for a path no operation has, or 405 (with `Allow`) for a method it lacks. */
export function noRouteReply(
  match: Exclude<RouteMatch, { kind: "found" }>,
  method: string,
  path: string,
): ErrorReply {
  if (match.kind === "not-found")
    return hubspotError(404, "OBJECT_NOT_FOUND", `No operation at ${method} ${path}`);
  const allowed = match.allowed.join(", ");
  return {
    ...hubspotError(405, "METHOD_NOT_ALLOWED", `${method} is not supported on ${path}; use ${allowed}`),
    headers: { Allow: allowed },
  };
}
