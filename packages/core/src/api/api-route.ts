import { toJsonSchema } from '@valibot/to-json-schema';
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import type { Principal } from '../auth/principal';
import { isAdmin } from '../auth/principal';
import { CoreError, CoreErrorCodes } from '../errors';

/** Hono variables the API sets: the authenticated caller. */
export type ApiEnv = { Variables: { principal: Principal } };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One documented API route: how it is called, who may call it, what it answers. */
export type RouteSpec<P extends v.GenericSchema, Q extends v.GenericSchema, B extends v.GenericSchema> = {
  method: Method;
  /** Hono path relative to `/api/v1`, e.g. `/conversations/:id`. */
  path: string;
  summary: string;
  tags: string[];
  /** `none`: public; `any`: any valid token; `admin`: admin agents and admin tokens. */
  auth: 'none' | 'any' | 'admin';
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, { description: string; schema?: v.GenericSchema }>;
};

type Input<P, Q, B> = {
  params: P extends v.GenericSchema ? v.InferOutput<P> : undefined;
  query: Q extends v.GenericSchema ? v.InferOutput<Q> : undefined;
  body: B extends v.GenericSchema ? v.InferOutput<B> : undefined;
  principal: Principal;
};

/**
 * Registers API routes on a Hono app and remembers each for the OpenAPI document, so the document
 * can never drift from what is served. Input is parsed once here: malformed JSON answers 400,
 * schema violations 422 with every issue and its path.
 *
 * @example
 * const api = createApiRouter(app);
 * api.route({ method: 'get', path: '/me', summary: 'Who am I', tags: ['auth'], auth: 'any', responses: { 200: { description: 'the caller' } } },
 *   async (c, { principal }) => c.json(principal));
 */
export function createApiRouter(app: Hono<ApiEnv>) {
  const specs: RouteSpec<v.GenericSchema, v.GenericSchema, v.GenericSchema>[] = [];
  const extraBodies = new Map<string, Record<string, unknown>>();

  function route<P extends v.GenericSchema = never, Q extends v.GenericSchema = never, B extends v.GenericSchema = never>(
    spec: RouteSpec<P, Q, B>,
    handler: (c: Context<ApiEnv>, input: Input<P, Q, B>) => Promise<Response>,
  ): void {
    specs.push(spec as unknown as RouteSpec<v.GenericSchema, v.GenericSchema, v.GenericSchema>);
    app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const principal = c.get('principal');
      if (spec.auth !== 'none' && !principal) {
        throw new CoreError({ code: CoreErrorCodes.UNAUTHENTICATED, message: 'a valid bearer token is required (Authorization: Bearer <token>)', status: 401 });
      }
      if (spec.auth === 'admin' && !isAdmin(principal)) {
        throw new CoreError({ code: CoreErrorCodes.FORBIDDEN, message: 'this needs an admin', status: 403 });
      }
      const params = spec.params ? parseWith(spec.params, c.req.param(), 'path') : undefined;
      const query = spec.query ? parseWith(spec.query, c.req.query(), 'query') : undefined;
      let body: unknown;
      if (spec.body) {
        const text = await c.req.text();
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch (cause) {
          throw new CoreError({ code: CoreErrorCodes.MALFORMED_JSON, message: `the request body is not valid JSON: ${(cause as Error).message}`, status: 400, cause });
        }
        body = parseWith(spec.body, json, 'body');
      }
      return handler(c, { params, query, body, principal } as Input<P, Q, B>);
    });
  }

  /** Documents a route that another module serves (uploads, the WebSocket upgrade). */
  function document(spec: Omit<RouteSpec<v.GenericSchema, v.GenericSchema, v.GenericSchema>, 'body'> & { requestBody?: Record<string, unknown> }): void {
    specs.push(spec as RouteSpec<v.GenericSchema, v.GenericSchema, v.GenericSchema>);
    if (spec.requestBody) extraBodies.set(`${spec.method} ${spec.path}`, spec.requestBody);
  }

  function openApiDocument(info: { title: string; version: string }) {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of specs) {
      const path = `/api/v1${spec.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`;
      const parameters = [
        ...objectParams(spec.params, 'path'),
        ...objectParams(spec.query, 'query'),
      ];
      const operation: Record<string, unknown> = {
        summary: spec.summary,
        tags: spec.tags,
        operationId: `${spec.method}${spec.path.replace(/[:/]([a-zA-Z])/g, (_, ch: string) => ch.toUpperCase()).replace(/[^a-zA-Z0-9]/g, '')}`,
        ...(parameters.length ? { parameters } : {}),
        ...(spec.auth === 'none' ? { security: [] } : {}),
        ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } } } : {}),
        ...(extraBodies.has(`${spec.method} ${spec.path}`) ? { requestBody: extraBodies.get(`${spec.method} ${spec.path}`) } : {}),
        responses: {
          ...Object.fromEntries(
            Object.entries(spec.responses).map(([status, r]) => [
              status,
              { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: jsonSchema(r.schema) } } } : {}) },
            ]),
          ),
          default: { description: 'An error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      };
      paths[path] = { ...(paths[path] ?? {}), [spec.method]: operation };
    }
    return {
      openapi: '3.1.0',
      info,
      servers: [{ url: '/' }],
      security: [{ bearer: [] }],
      paths,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/v1/auth/login or an API token' } },
        schemas: {
          Problem: {
            type: 'object',
            required: ['type', 'title', 'status', 'code', 'detail'],
            properties: {
              type: { type: 'string' },
              title: { type: 'string' },
              status: { type: 'integer' },
              code: { type: 'string', description: 'stable error code, e.g. SWB_ERR_CONVERSATION_NOT_FOUND' },
              detail: { type: 'string' },
              errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
            },
          },
        },
      },
    };
  }

  return { route, document, openApiDocument, specs };
}

function parseWith<S extends v.GenericSchema>(schema: S, value: unknown, where: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const errors = result.issues.map((issue) => ({ path: [where, v.getDotPath(issue)].filter(Boolean).join('.'), message: issue.message }));
  throw new CoreError({
    code: CoreErrorCodes.VALIDATION,
    message: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    status: 422,
    details: errors,
  });
}

function jsonSchema(schema: v.GenericSchema): unknown {
  return toJsonSchema(schema, { errorMode: 'ignore' });
}

function objectParams(schema: v.GenericSchema | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}
