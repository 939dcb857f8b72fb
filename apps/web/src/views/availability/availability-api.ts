// The availability calls of the page; their types come from the API's OpenAPI document.
import { api, type components } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { PatternBody } from './pattern-draft';

type Schemas = components['schemas'];
export type PatternView = Schemas['PatternView'];
export type ExceptionKind = Schemas['CreateExceptionDto']['kind'];

/** The kinds of unavailability the API knows, in the order the page offers them. */
export const EXCEPTION_KINDS = [
  'leave',
  'sick',
  'appointment',
  'training',
  'other',
] as const satisfies readonly ExceptionKind[];

const path = (caregiverId: string) => ({ path: { caregiverId } });
/** Lists on this page are short (a caregiver's upcoming days off): one page of the largest size. */
const PAGE = { limit: 200, offset: 0 };

export const availabilityKeys = {
  all: (caregiverId: string) => ['availability', caregiverId] as const,
};

export const availabilityApi = {
  pattern: (caregiverId: string) =>
    unwrap(api.GET('/caregivers/{caregiverId}/availability/pattern', { params: path(caregiverId) })),

  replacePattern: (caregiverId: string, body: PatternBody) =>
    unwrap(
      api.PUT('/caregivers/{caregiverId}/availability/pattern', {
        params: path(caregiverId),
        body,
      }),
    ),

  exceptions: (caregiverId: string, from: string) =>
    unwrap(
      api.GET('/caregivers/{caregiverId}/availability/exceptions', {
        params: { ...path(caregiverId), query: { from, ...PAGE } },
      }),
    ),

  windows: (caregiverId: string, from: string) =>
    unwrap(
      api.GET('/caregivers/{caregiverId}/availability/windows', {
        params: { ...path(caregiverId), query: { from, ...PAGE } },
      }),
    ),

  addException: (caregiverId: string, body: Schemas['CreateExceptionDto']) =>
    unwrap(
      api.POST('/caregivers/{caregiverId}/availability/exceptions', { params: path(caregiverId), body }),
    ),

  addWindow: (caregiverId: string, body: Schemas['TimeSpanDto']) =>
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

  expanded: (caregiverId: string, from: string, to: string) =>
    unwrap(
      api.GET('/caregivers/{caregiverId}/availability', {
        params: { ...path(caregiverId), query: { from, to } },
      }),
    ),
};

export type WishesView = Schemas['CaregiverWishesView'];
export type WishKind = Schemas['WishDto']['kind'];
/** The kinds of wish, in the order the page offers them. */
export const WISH_KINDS = ['avoid', 'prefer'] as const satisfies readonly WishKind[];

export const wishesApi = {
  wishes: (caregiverId: string) =>
    unwrap(api.GET('/caregivers/{caregiverId}/availability/wishes', { params: path(caregiverId) })),

  replaceWishes: (caregiverId: string, wishes: Schemas['WishDto'][]) =>
    unwrap(
      api.PUT('/caregivers/{caregiverId}/availability/wishes', {
        params: path(caregiverId),
        body: { wishes },
      }),
    ),
};
