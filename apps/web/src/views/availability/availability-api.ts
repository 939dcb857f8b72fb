// The availability calls of the page, typed. TEMPORARY: most responses in schema.d.ts are still
// untyped (Record<string, never>), so the shapes below mirror libs/core/src/availability/
// availability.service.ts and the casts live here only; replace them with
// components['schemas'][...] once the regenerated schema lands.
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { PatternBody, PatternWindow } from './pattern-draft';

export interface PatternView {
  caregiverId: string;
  timezone: string;
  validFrom: string | null;
  validUntil: string | null;
  windows: (PatternWindow & { id: string })[];
}

export interface SpanView {
  id: string;
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
}

export interface ExceptionView extends SpanView {
  kind: string;
  note: string | null;
}

export interface ExpandedView {
  timezone: string;
  from: string;
  to: string;
  windows: { start: string; end: string; source: 'window' | 'pattern' }[];
}

interface Page<T> {
  items: T[];
  total: number;
}

/** The kinds of unavailability the API knows (EXCEPTION_KINDS). */
export const EXCEPTION_KINDS = ['leave', 'sick', 'appointment', 'training', 'other'] as const;

const path = (caregiverId: string) => ({ path: { caregiverId } });
/** Lists on this page are short (a caregiver's upcoming days off): one page of the largest size. */
const PAGE = { limit: 200, offset: 0 };

export const availabilityKeys = {
  all: (caregiverId: string) => ['availability', caregiverId] as const,
};

export const availabilityApi = {
  pattern: async (caregiverId: string) =>
    (await unwrap(
      api.GET('/caregivers/{caregiverId}/availability/pattern', { params: path(caregiverId) }),
    )) as unknown as PatternView,

  replacePattern: async (caregiverId: string, body: PatternBody) =>
    (await unwrap(
      api.PUT('/caregivers/{caregiverId}/availability/pattern', {
        params: path(caregiverId),
        body,
      }),
    )) as unknown as PatternView,

  exceptions: async (caregiverId: string, from: string) =>
    (await unwrap(
      api.GET('/caregivers/{caregiverId}/availability/exceptions', {
        params: { ...path(caregiverId), query: { from, ...PAGE } },
      }),
    )) as unknown as Page<ExceptionView>,

  windows: async (caregiverId: string, from: string) =>
    (await unwrap(
      api.GET('/caregivers/{caregiverId}/availability/windows', {
        params: { ...path(caregiverId), query: { from, ...PAGE } },
      }),
    )) as unknown as Page<SpanView>,

  addException: (
    caregiverId: string,
    body: { start: string; end: string; kind: (typeof EXCEPTION_KINDS)[number]; note?: string },
  ) =>
    unwrap(
      api.POST('/caregivers/{caregiverId}/availability/exceptions', { params: path(caregiverId), body }),
    ),

  addWindow: (caregiverId: string, body: { start: string; end: string }) =>
    unwrap(api.POST('/caregivers/{caregiverId}/availability/windows', { params: path(caregiverId), body })),

  removeException: (caregiverId: string, exceptionId: string) =>
    unwrap(
      api.DELETE('/caregivers/{caregiverId}/availability/exceptions/{exceptionId}', {
        params: { path: { caregiverId, exceptionId } },
      }),
    ),

  removeWindow: (caregiverId: string, windowId: string) =>
    unwrap(
      api.DELETE('/caregivers/{caregiverId}/availability/windows/{windowId}', {
        params: { path: { caregiverId, windowId } },
      }),
    ),

  expanded: async (caregiverId: string, from: string, to: string) =>
    (await unwrap(
      api.GET('/caregivers/{caregiverId}/availability', {
        params: { ...path(caregiverId), query: { from, to } },
      }),
    )) as unknown as ExpandedView,
};
