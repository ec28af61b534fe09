// The integration API's routes as data: method, path, scope, request and response schemas. The hub's
// router (src/hub/integration/http.ts) dispatches from this table, the OpenAPI document
// (src/hub/integration/openapi.ts) is generated from it, and the client (src/integration-client) is
// typed by it — one definition for all three.
import { z } from 'zod';
import {
  ApiErrorSchema,
  DeliveryRequestSchema,
  DeliveryResponseSchema,
  EscalationRequestSchema,
  EscalationResponseSchema,
  EventsRequestSchema,
  EventsResponseSchema,
  KnowledgeListResponseSchema,
  KnowledgePublishRequestSchema,
  KnowledgePublishResponseSchema,
  ReplayQuerySchema,
  ReplayResponseSchema,
  WebhookEndpointRequestSchema,
  WebhookEndpointSchema,
  WebhookEventSchema,
  WebhookListResponseSchema,
  WebhookSecretResponseSchema,
  type IntegrationScope,
} from './integration-api';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** `{id}` is the one path parameter. */
  path: string;
  summary: string;
  /** null: any valid key of the owning integration (events: each event type's own scope, checked per event). */
  scope: IntegrationScope | null;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The Idempotency-Key header is required. */
  idempotent?: boolean;
  status: 200 | 201 | 204;
  response?: z.ZodType;
}

export const integrationRoutes = {
  createEscalation: {
    method: 'POST',
    path: '/v1/escalations',
    summary: 'Hand a conversation over to a human agent (transcript, context, AI actions, suggestions).',
    scope: 'escalate',
    body: EscalationRequestSchema,
    idempotent: true,
    status: 201,
    response: EscalationResponseSchema,
  },
  postEvents: {
    method: 'POST',
    path: '/v1/conversations/{id}/events',
    summary:
      'Customer messages, AI actions, assist updates and order conversions; deduplicated by eventId, applied in seq order.',
    scope: null,
    body: EventsRequestSchema,
    status: 200,
    response: EventsResponseSchema,
  },
  postDelivery: {
    method: 'POST',
    path: '/v1/conversations/{id}/deliveries',
    summary: 'Report an agent message delivered to (or failed to reach) the customer; the agent sees it.',
    scope: 'messages',
    body: DeliveryRequestSchema,
    status: 200,
    response: DeliveryResponseSchema,
  },
  replayEvents: {
    method: 'GET',
    path: '/v1/conversations/{id}/events',
    summary:
      'The conversation’s webhook events after a seq, from the durable outbox (recovery, reconciliation).',
    scope: null,
    query: ReplayQuerySchema,
    status: 200,
    response: ReplayResponseSchema,
  },
  createWebhook: {
    method: 'POST',
    path: '/v1/webhooks',
    summary: 'Register a webhook endpoint; the answer holds its signing secret, shown once.',
    scope: 'webhooks',
    body: WebhookEndpointRequestSchema,
    status: 201,
    response: WebhookSecretResponseSchema,
  },
  listWebhooks: {
    method: 'GET',
    path: '/v1/webhooks',
    summary: 'This integration’s webhook endpoints with their pending counts.',
    scope: 'webhooks',
    status: 200,
    response: WebhookListResponseSchema,
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/v1/webhooks/{id}',
    summary: 'Remove an endpoint and its pending deliveries (the outbox stays replayable).',
    scope: 'webhooks',
    status: 204,
  },
  rotateWebhookSecret: {
    method: 'POST',
    path: '/v1/webhooks/{id}/rotate',
    summary: 'A new signing secret; the previous one keeps signing for 24 h alongside it.',
    scope: 'webhooks',
    status: 200,
    response: WebhookSecretResponseSchema,
  },
  enableWebhook: {
    method: 'POST',
    path: '/v1/webhooks/{id}/enable',
    summary:
      'Re-enable an endpoint disabled by a 410 or by giving up; its queue is delivered from where it stopped.',
    scope: 'webhooks',
    status: 200,
    response: WebhookEndpointSchema,
  },
  publishKnowledge: {
    method: 'POST',
    path: '/v1/knowledge',
    summary:
      'Publish knowledge documents (upserts and deletes) as one new version, pushed to every workstation.',
    scope: 'knowledge',
    body: KnowledgePublishRequestSchema,
    status: 200,
    response: KnowledgePublishResponseSchema,
  },
  listKnowledge: {
    method: 'GET',
    path: '/v1/knowledge',
    summary: 'Knowledge documents changed after a version (0 = all).',
    scope: 'knowledge',
    query: z.object({ since: z.coerce.number().int().nonnegative().default(0) }),
    status: 200,
    response: KnowledgeListResponseSchema,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof integrationRoutes;
type Spec<K extends RouteName> = (typeof integrationRoutes)[K];
export type RouteBody<K extends RouteName> =
  Spec<K> extends { body: z.ZodType } ? z.input<Spec<K>['body']> : never;
export type RouteQuery<K extends RouteName> =
  Spec<K> extends { query: z.ZodType } ? z.input<Spec<K>['query']> : never;
export type RouteResponse<K extends RouteName> =
  Spec<K> extends { response: z.ZodType } ? z.infer<Spec<K>['response']> : undefined;

/** Named schemas, so the OpenAPI document refers to them as components instead of repeating them. */
export const integrationComponents: Record<string, z.ZodType> = {
  EscalationRequest: EscalationRequestSchema,
  EscalationResponse: EscalationResponseSchema,
  EventsRequest: EventsRequestSchema,
  EventsResponse: EventsResponseSchema,
  DeliveryRequest: DeliveryRequestSchema,
  DeliveryResponse: DeliveryResponseSchema,
  ReplayResponse: ReplayResponseSchema,
  WebhookEvent: WebhookEventSchema,
  WebhookEndpointRequest: WebhookEndpointRequestSchema,
  WebhookEndpoint: WebhookEndpointSchema,
  WebhookSecretResponse: WebhookSecretResponseSchema,
  WebhookListResponse: WebhookListResponseSchema,
  KnowledgePublishRequest: KnowledgePublishRequestSchema,
  KnowledgePublishResponse: KnowledgePublishResponseSchema,
  KnowledgeListResponse: KnowledgeListResponseSchema,
  Error: ApiErrorSchema,
};
