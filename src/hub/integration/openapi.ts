// The OpenAPI 3.1 document of the integration API, generated from the route table and the zod schemas
// (zod 4's own z.toJSONSchema, JSON Schema 2020-12 — the dialect OpenAPI 3.1 uses — so no extra library
// and no second copy of any shape). Request bodies are described as the client may send them (defaults
// optional), responses as the hub answers them.
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../shared/integration-api';
import { integrationComponents, integrationRoutes, type RouteSpec } from '../../shared/integration-routes';

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

function componentSchemas(io: 'input' | 'output', ids: string[]): Record<string, Json> {
  const reg = z.registry<{ id: string }>();
  for (const id of ids) reg.add(integrationComponents[id]!, { id });
  const { schemas } = z.toJSONSchema(reg, { io, uri: REF, unrepresentable: 'any' }) as {
    schemas: Record<string, Json>;
  };
  for (const s of Object.values(schemas)) {
    delete s.$schema;
    delete s.$id;
  }
  return schemas;
}

const idOf = (schema: z.ZodType | undefined): string | undefined =>
  Object.entries(integrationComponents).find(([, s]) => s === schema)?.[0];

const ERRORS: Record<string, string> = {
  '400': 'Malformed request: `error.issues` lists the failing paths ("path: problem").',
  '401': 'Missing, unknown or revoked API key.',
  '403': 'The key lacks the scope this call needs.',
  '404': 'No such route, or no such conversation / endpoint for this integration.',
  '409': 'Conflicts with the hub’s state (e.g. an Idempotency-Key reused with a different body).',
  '413': 'The body is larger than the hub accepts.',
  '415': 'The body is not `application/json`.',
  '429': 'Too many requests for this key; wait `Retry-After` seconds.',
};

export function buildOpenApi(): Json {
  const routes = Object.entries(integrationRoutes) as [string, RouteSpec][];
  const requestIds = [...new Set(routes.map(([, r]) => idOf(r.body)).filter((x): x is string => !!x))];
  const responseIds = Object.keys(integrationComponents).filter((id) => !requestIds.includes(id));
  const schemas = { ...componentSchemas('output', responseIds), ...componentSchemas('input', requestIds) };

  const paths: Record<string, Record<string, Json>> = {};
  for (const [name, r] of routes) {
    const parameters: Json[] = [];
    if (r.path.includes('{id}'))
      parameters.push({ name: 'id', in: 'path', required: true, schema: { type: 'string', maxLength: 128 } });
    if (r.idempotent)
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        description:
          'A repeat with the same key returns the first answer (with `Idempotent-Replayed: true`).',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      });
    if (r.query) {
      const q = z.toJSONSchema(r.query, { io: 'input' }) as { properties?: Record<string, Json> };
      for (const [p, schema] of Object.entries(q.properties ?? {}))
        parameters.push({ name: p, in: 'query', required: false, schema });
    }
    const bodyId = idOf(r.body);
    const resId = idOf(r.response);
    const responses: Record<string, Json> = {
      [String(r.status)]: {
        description: r.status === 204 ? 'Done.' : 'Success.',
        ...(resId ? { content: { 'application/json': { schema: { $ref: REF(resId) } } } } : {}),
      },
    };
    const errorCodes = ['401', '404', '429', ...(r.scope || name === 'postEvents' ? ['403'] : [])];
    if (r.body || r.query || r.idempotent) errorCodes.push('400');
    if (r.body) errorCodes.push('413', '415');
    if (r.idempotent || name === 'postEvents') errorCodes.push('409');
    for (const code of errorCodes.sort())
      responses[code] = {
        description: ERRORS[code],
        ...(code === '429'
          ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } }
          : {}),
        content: { 'application/json': { schema: { $ref: REF('Error') } } },
      };
    const openApiPath = r.path;
    paths[openApiPath] ??= {};
    paths[openApiPath][r.method.toLowerCase()] = {
      operationId: name,
      summary: r.summary,
      ...(r.scope ? { 'x-scope': r.scope } : {}),
      security: [{ integrationKey: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(bodyId
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: { $ref: REF(bodyId) } } },
            },
          }
        : {}),
      responses,
    };
  }

  const webhooks: Record<string, Json> = {};
  for (const type of WEBHOOK_EVENT_TYPES)
    webhooks[type] = {
      post: {
        summary: `${type} (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: REF('WebhookEvent') } } },
        },
        responses: {
          '200': {
            description: 'Any 2xx acknowledges; 410 disables the endpoint; anything else is retried.',
          },
        },
      },
    };

  return {
    openapi: '3.1.0',
    info: {
      title: 'Xiaoer Desk integration API',
      version: '1.0.0',
      description:
        'How AI agents and customer channels hand conversations to Xiaoer Desk agents and hear back. See docs/integration.md.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    webhooks,
    components: {
      schemas,
      securitySchemes: {
        integrationKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An integration key (`xk_…`) from `npm run hub -- integrations add NAME --scopes …`.',
        },
      },
    },
  };
}
