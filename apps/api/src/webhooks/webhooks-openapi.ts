// The events an organisation's receiver is sent, for the OpenAPI document. The Nest swagger module
// writes OpenAPI 3.0, which has no `webhooks` member (3.1 has): they go in `x-webhooks`, the same
// shape under the extension name 3.0 tools (Redoc among them) read, so the document stays valid 3.0.
import type { OpenAPIObject } from '@nestjs/swagger';
import type { WebhookEventType } from '@homecare/database';
import { REPLAY_WINDOW_SECONDS } from '@homecare/core/webhooks';

type Schema = Record<string, unknown>;

const uuid = (description: string): Schema => ({ type: 'string', format: 'uuid', description });
const date = (description: string): Schema => ({
  type: 'string',
  format: 'date',
  description,
  example: '2026-03-02',
});
const planFacts: Record<string, Schema> = {
  teamId: uuid('GET /teams/{teamId}'),
  planId: uuid('GET /roster-plans/{planId}'),
  periodStart: date("First local date of the plan's period"),
  periodEnd: date("Last local date of the plan's period"),
};

/** Per event type: what it means, and what its `data` holds besides `organisationId`. */
const EVENTS: Record<WebhookEventType, { summary: string; data: Record<string, Schema> }> = {
  'plan.review-opened': {
    summary: "A team's roster plan went into review: its members are asked to consent",
    data: {
      ...planFacts,
      reviewDeadline: {
        type: 'string',
        format: 'date-time',
        nullable: true,
        description: 'When silence counts as consent',
      },
    },
  },
  'plan.published': {
    summary: "A team's roster plan is final (published)",
    data: {
      ...planFacts,
      unstaffedVisits: { type: 'integer', description: 'Visits of the period that have nobody yet' },
    },
  },
  'plan.amendment-recorded': {
    summary: 'A published roster was amended (someone is away, their visits went to colleagues)',
    data: {
      ...planFacts,
      caregiversAffected: { type: 'integer', description: 'Caregivers whose own visits changed' },
    },
  },
  'client.visits-changed': {
    summary: "A client's coming visits moved, were cancelled, or have nobody planned on them yet",
    data: {
      teamId: uuid('The team the visits belong to'),
      clientId: uuid('GET /clients/{clientId}'),
      change: { type: 'string', enum: ['moved', 'cancelled', 'unstaffed'] },
      visitIds: {
        type: 'array',
        items: { type: 'string', format: 'uuid' },
        description: 'GET /visits/{visitId}',
      },
    },
  },
  'pay-period.ready': {
    summary: 'A pay period is over, had work, and waits for approval',
    data: {
      periodKey: {
        type: 'string',
        description: 'GET /pay-periods/{periodKey}/timesheets',
        example: '2026-03-01',
      },
      periodStart: date('First local date of the period'),
      periodEnd: date('Last local date of the period'),
    },
  },
};

const schemaName = (type: string): string =>
  `WebhookEvent_${type.replace(/[^a-z]+([a-z])/g, (_, letter: string) => letter.toUpperCase()).replace(/^./, (c) => c.toUpperCase())}`;

const VERIFY =
  'Signed by the Standard Webhooks convention (https://www.standardwebhooks.com; docs/webhooks.md): ' +
  '`webhook-signature` is `v1,` and the base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with ' +
  "the bytes of the subscription's secret (the base64 after `whsec_`). Compare in constant time, and refuse a " +
  `\`webhook-timestamp\` more than ${REPLAY_WINDOW_SECONDS / 60} minutes from your own clock (the replay window). ` +
  'Answer 2xx within 10 seconds; any other answer, or none, is tried again with exponential backoff (10 tries). ' +
  'The same `webhook-id` can arrive more than once: keep the ids you handled. The body holds ids and plain facts only; ' +
  'read the rest through the API.';

const HEADERS = [
  {
    name: 'webhook-id',
    description: 'The delivery id: the same in every attempt (deduplicate on it)',
    schema: { type: 'string', format: 'uuid' },
  },
  {
    name: 'webhook-timestamp',
    description: 'Unix seconds of this attempt (not of the event)',
    schema: { type: 'integer' },
  },
  {
    name: 'webhook-signature',
    description: 'Space-separated `v1,<base64>` signatures; one must match',
    schema: { type: 'string', example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=' },
  },
].map((header) => ({ ...header, in: 'header', required: true }));

/** Adds each event's body schema to the components and its operation to `x-webhooks`. */
export function addWebhooks(document: OpenAPIObject): OpenAPIObject {
  const schemas: Record<string, Schema> = {};
  const webhooks: Record<string, unknown> = {};
  for (const [type, event] of Object.entries(EVENTS)) {
    const name = schemaName(type);
    schemas[name] = {
      type: 'object',
      description: event.summary,
      required: ['type', 'timestamp', 'data'],
      properties: {
        type: { type: 'string', enum: [type] },
        timestamp: { type: 'string', format: 'date-time', description: 'When it happened' },
        data: {
          type: 'object',
          required: ['organisationId', ...Object.keys(event.data)],
          properties: { organisationId: uuid('The organisation of the subscription'), ...event.data },
        },
      },
    };
    webhooks[type] = {
      post: {
        operationId: `webhook_${type}`,
        tags: ['webhooks'],
        summary: event.summary,
        description: VERIFY,
        parameters: HEADERS,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
        },
        responses: {
          '2XX': { description: 'Received. Any other status (or none within 10 seconds) is tried again.' },
        },
      },
    };
  }
  return {
    ...document,
    components: { ...document.components, schemas: { ...document.components?.schemas, ...schemas } },
    'x-webhooks': webhooks,
  } as OpenAPIObject;
}
