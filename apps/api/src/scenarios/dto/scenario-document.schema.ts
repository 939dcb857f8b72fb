import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { SCENARIO_FORMAT, type ScenarioDocument } from '@homecare/scenario';

// The document is free-form JSON checked by validateScenario (every problem with a JSON path), not
// by a DTO: whitelisting would strip the extra fields the format allows. This schema documents it.

const localTime: SchemaObject = {
  type: 'string',
  example: '2026-11-23T07:00',
  description: 'Local YYYY-MM-DDTHH:mm in the scenario time zone',
};
const window: SchemaObject = {
  type: 'object',
  required: ['start', 'end'],
  properties: { start: localTime, end: localTime },
};
const strings: SchemaObject = { type: 'array', items: { type: 'string' } };

export const SCENARIO_DOCUMENT_EXAMPLE: ScenarioDocument = {
  format: SCENARIO_FORMAT,
  name: 'Team Watergraafsmeer',
  timezone: 'Europe/Amsterdam',
  period: { start: '2026-11-23', end: '2026-11-24' },
  travel: { speedKmh: 15, detourFactor: 1.3 },
  caregivers: [
    {
      id: 'cg-01',
      name: 'Anna de Vries',
      skills: ['personal-care', 'medication', 'nursing'],
      maxMinutesPerWeek: 1920,
      maxMinutesPerDay: 600,
      availability: [
        { start: '2026-11-23T07:00', end: '2026-11-23T13:00' },
        { start: '2026-11-24T07:00', end: '2026-11-24T13:00' },
      ],
    },
    {
      id: 'cg-02',
      name: 'Bram Jansen',
      skills: ['personal-care'],
      maxMinutesPerWeek: 1440,
      speedKmh: 20,
      availability: [{ start: '2026-11-23T07:00', end: '2026-11-23T12:00' }],
    },
  ],
  clients: [
    {
      id: 'cl-001',
      name: 'Mevr. Smit',
      location: { lat: 52.374969, lon: 4.885907 },
      preferredCaregivers: ['cg-01'],
      excludedCaregivers: [],
      history: { 'cg-01': 12 },
    },
    { id: 'cl-002', name: 'Dhr. de Graaf', location: { lat: 52.360245, lon: 4.923293 } },
  ],
  visits: [
    {
      id: 'v-0001',
      clientId: 'cl-001',
      earliestStart: '2026-11-23T07:00',
      latestEnd: '2026-11-23T10:30',
      durationMinutes: 45,
      requiredSkills: ['personal-care'],
      caregiversNeeded: 1,
    },
    {
      id: 'v-0002',
      clientId: 'cl-002',
      earliestStart: '2026-11-23T08:00',
      latestEnd: '2026-11-23T09:30',
      durationMinutes: 15,
      requiredSkills: ['medication'],
    },
    {
      id: 'v-0003',
      clientId: 'cl-001',
      earliestStart: '2026-11-24T07:30',
      latestEnd: '2026-11-24T10:00',
      durationMinutes: 45,
      requiredSkills: ['personal-care'],
      caregiversNeeded: 1,
    },
  ],
  pinned: [{ visitId: 'v-0001', caregiverIds: ['cg-01'], start: '2026-11-23T07:30' }],
};

export const SCENARIO_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'A homecare-scenario/v1 document (see the scenario format spec). Fields not listed are allowed and ignored.',
  required: ['format', 'timezone', 'period', 'caregivers', 'clients', 'visits'],
  properties: {
    format: { type: 'string', enum: [SCENARIO_FORMAT] },
    name: { type: 'string' },
    timezone: { type: 'string', example: 'Europe/Amsterdam', description: 'IANA zone of every local time' },
    period: {
      type: 'object',
      required: ['start', 'end'],
      properties: { start: { type: 'string', format: 'date' }, end: { type: 'string', format: 'date' } },
    },
    travel: {
      type: 'object',
      properties: {
        speedKmh: { type: 'number', default: 15 },
        detourFactor: { type: 'number', default: 1.3 },
      },
    },
    caregivers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'skills', 'maxMinutesPerWeek', 'availability'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          skills: strings,
          maxMinutesPerWeek: { type: 'integer', minimum: 0 },
          maxMinutesPerDay: { type: 'integer', minimum: 0, maximum: 1440, nullable: true },
          speedKmh: { type: 'number', nullable: true },
          availability: { type: 'array', items: window },
        },
      },
    },
    clients: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'location'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          location: {
            type: 'object',
            required: ['lat', 'lon'],
            properties: { lat: { type: 'number' }, lon: { type: 'number' } },
          },
          preferredCaregivers: strings,
          excludedCaregivers: strings,
          history: {
            type: 'object',
            additionalProperties: { type: 'integer', minimum: 0 },
            description: 'caregiverId -> earlier visits',
          },
        },
      },
    },
    visits: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'clientId', 'earliestStart', 'latestEnd', 'durationMinutes'],
        properties: {
          id: { type: 'string' },
          clientId: { type: 'string' },
          earliestStart: localTime,
          latestEnd: localTime,
          durationMinutes: { type: 'integer', minimum: 1 },
          requiredSkills: strings,
          caregiversNeeded: { type: 'integer', minimum: 1, maximum: 4, default: 1 },
        },
      },
    },
    pinned: {
      type: 'array',
      items: {
        type: 'object',
        required: ['visitId', 'caregiverIds'],
        properties: {
          visitId: { type: 'string' },
          caregiverIds: strings,
          start: { type: 'string', description: 'Local YYYY-MM-DDTHH:mm, or ISO 8601 with an offset' },
        },
      },
    },
  },
};

const idMap: SchemaObject = {
  type: 'object',
  additionalProperties: { type: 'string', format: 'uuid' },
  description: 'scenario id -> new id',
};

export const SCENARIO_IMPORT_RESULT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    teamId: { type: 'string', format: 'uuid' },
    organisationId: { type: 'string', format: 'uuid' },
    ids: { type: 'object', properties: { caregivers: idMap, clients: idMap, visits: idMap } },
    counts: {
      type: 'object',
      properties: Object.fromEntries(
        ['caregivers', 'availabilityWindows', 'clients', 'history', 'visits', 'pins'].map((name) => [
          name,
          { type: 'integer' },
        ]),
      ),
    },
  },
};
