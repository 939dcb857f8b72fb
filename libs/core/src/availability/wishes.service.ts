import { Injectable } from '@nestjs/common';
import { InvalidInputError, type FieldProblem } from '@homecare/common';
import type { CaregiverWish } from '@homecare/database';
import { formatLocalDateTime, parseRosterTime, TimeFormatError, WISH_KINDS } from '@homecare/scenario';
import { CaregiversService } from '../caregivers';
import type { CaregiverWishesView } from './availability.view';
import { WishesRepository } from './wishes.repository';

export interface WishInput {
  start: string;
  end: string;
  kind: string;
}

/** At most this many wishes per caregiver, each at most this long. */
export const MAX_WISHES = 200;
const MAX_WISH_DAYS = 92;
const MINUTE_MS = 60_000;

/**
 * Caregivers' wishes, beside their availability: soft, so a change raises no flag on a plan; the
 * next roster computed weighs them. The whole list is replaced at once, in one transaction.
 */
@Injectable()
export class WishesService {
  constructor(
    private readonly repository: WishesRepository,
    private readonly caregivers: CaregiversService,
  ) {}

  async getWishes(caregiverId: string): Promise<CaregiverWishesView> {
    const { timezone } = await this.caregivers.getCaregiverInZone(caregiverId);
    return viewOf(caregiverId, timezone, await this.repository.wishesOf(caregiverId));
  }

  async replaceWishes(caregiverId: string, wishes: readonly WishInput[]): Promise<CaregiverWishesView> {
    return this.repository.transaction(async (manager) => {
      const { timezone } = await this.caregivers.getCaregiverInZone(caregiverId, manager);
      await this.repository.replace(manager, caregiverId, parseWishes(wishes, timezone));
      return viewOf(caregiverId, timezone, await this.repository.wishesOf(caregiverId, manager));
    });
  }
}

export function parseWishes(
  wishes: readonly WishInput[],
  timezone: string,
): { startsAt: Date; endsAt: Date; kind: 'avoid' | 'prefer' }[] {
  const problems: FieldProblem[] = [];
  if (wishes.length > MAX_WISHES)
    throw new InvalidInputError(
      'The wishes are not valid.',
      [{ path: '$.wishes', message: `wishes must be a list of at most ${MAX_WISHES}` }],
      'wish.invalid',
    );
  const parsed = wishes.flatMap((wish, index) => {
    const path = `$.wishes[${index}]`;
    const at = (key: 'start' | 'end'): number | undefined => {
      try {
        return parseRosterTime(wish[key], timezone);
      } catch (error) {
        if (!(error instanceof TimeFormatError)) throw error;
        problems.push({
          path: `${path}.${key}`,
          message:
            error.kind === 'nonexistent'
              ? `${wish[key]} does not exist in ${timezone}: the clocks skip that time`
              : `${key} must be a local time YYYY-MM-DDTHH:mm or an ISO 8601 time with an offset`,
        });
        return undefined;
      }
    };
    const start = at('start');
    const end = at('end');
    if (!(WISH_KINDS as readonly string[]).includes(wish.kind))
      problems.push({ path: `${path}.kind`, message: 'kind must be avoid or prefer' });
    if (start === undefined || end === undefined) return [];
    if (end <= start) {
      problems.push({ path: `${path}.end`, message: 'end must be after start' });
      return [];
    }
    if (end - start > MAX_WISH_DAYS * 24 * 60) {
      problems.push({ path: `${path}.end`, message: `a wish spans at most ${MAX_WISH_DAYS} days` });
      return [];
    }
    return [
      {
        startsAt: new Date(start * MINUTE_MS),
        endsAt: new Date(end * MINUTE_MS),
        kind: wish.kind as 'avoid' | 'prefer',
      },
    ];
  });
  if (problems.length > 0) throw new InvalidInputError('The wishes are not valid.', problems, 'wish.invalid');
  return parsed;
}

function viewOf(caregiverId: string, timezone: string, rows: CaregiverWish[]): CaregiverWishesView {
  const local = (date: Date): string => formatLocalDateTime(Math.floor(date.getTime() / MINUTE_MS), timezone);
  return {
    caregiverId,
    timezone,
    wishes: rows.map((row) => ({
      start: local(row.startsAt),
      end: local(row.endsAt),
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      kind: row.kind,
    })),
  };
}
