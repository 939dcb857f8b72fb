import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { isLocalDate } from '@homecare/scenario';
import { type FieldProblem, InvalidInputError, NotFoundError } from '@homecare/common';
import { CareNeed, type VisitPriorityValue } from '@homecare/database';
import { ClientsService } from '../clients';
import type { Page, PageRequest } from '../shared';
import { minutesOfDay } from '../visits';

export interface CareNeedInput {
  description?: string;
  weekdays: number[];
  windowStart: string;
  windowEnd: string;
  durationMinutes: number;
  requiredSkills?: string[];
  caregiversNeeded?: number;
  priority?: VisitPriorityValue;
  startsOn: string;
  endsOn?: string | null;
}

export type CareNeedChanges = Partial<CareNeedInput>;

@Injectable()
export class CareNeedsService {
  constructor(
    @InjectRepository(CareNeed) private readonly careNeeds: Repository<CareNeed>,
    private readonly clients: ClientsService,
  ) {}

  async createCareNeed(clientId: string, input: CareNeedInput): Promise<CareNeed> {
    await this.clients.getClient(clientId);
    const careNeed = this.careNeeds.create({
      requiredSkills: [],
      caregiversNeeded: 1,
      endsOn: null,
      ...input,
      clientId,
    });
    assertCareNeed(careNeed);
    return this.careNeeds.save(careNeed);
  }

  async listCareNeeds(clientId: string, page: PageRequest): Promise<Page<CareNeed>> {
    await this.clients.getClient(clientId);
    const [items, total] = await this.careNeeds.findAndCount({
      where: { clientId },
      order: { windowStart: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total, ...page };
  }

  async getCareNeed(id: string): Promise<CareNeed> {
    const careNeed = await this.careNeeds.findOneBy({ id });
    if (!careNeed) throw new NotFoundError('care need', id);
    return careNeed;
  }

  /** Generated visits follow the change at the next generation of their period. */
  async updateCareNeed(id: string, changes: CareNeedChanges): Promise<CareNeed> {
    const careNeed = Object.assign(await this.getCareNeed(id), changes);
    assertCareNeed(careNeed);
    return this.careNeeds.save(careNeed);
  }

  /** Its generated visits stay (as one-offs: the foreign key sets their care need to null). */
  async deleteCareNeed(id: string): Promise<void> {
    const result = await this.careNeeds.delete({ id });
    if (!result.affected) throw new NotFoundError('care need', id);
  }
}

/** The rules that involve more than one field; every broken rule is reported at once. */
export function careNeedProblems(careNeed: CareNeedInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const weekdays = careNeed.weekdays ?? [];
  if (weekdays.length === 0)
    problems.push({
      path: '$.weekdays',
      message: 'weekdays must name at least one ISO weekday (1 = Monday ... 7 = Sunday)',
    });
  if (weekdays.some((weekday) => !Number.isInteger(weekday) || weekday < 1 || weekday > 7)) {
    problems.push({ path: '$.weekdays', message: 'weekdays are ISO weekdays 1 (Monday) to 7 (Sunday)' });
  }
  if (new Set(weekdays).size !== weekdays.length)
    problems.push({ path: '$.weekdays', message: 'weekdays must not repeat' });
  const start = minutesOfDay(careNeed.windowStart);
  const end = minutesOfDay(careNeed.windowEnd);
  if (start === undefined)
    problems.push({ path: '$.windowStart', message: 'windowStart must be a local time HH:mm' });
  if (end === undefined)
    problems.push({ path: '$.windowEnd', message: 'windowEnd must be a local time HH:mm' });
  if (start !== undefined && end !== undefined) {
    if (end <= start) {
      problems.push({
        path: '$.windowEnd',
        message:
          'windowEnd must be after windowStart on the same day (windows across midnight are not supported: split them in two care needs)',
      });
    } else if (end - start < careNeed.durationMinutes) {
      problems.push({
        path: '$.durationMinutes',
        message: `window shorter than the duration (${end - start} < ${careNeed.durationMinutes} minutes)`,
      });
    }
  }
  const caregiversNeeded = careNeed.caregiversNeeded ?? 1;
  if (!Number.isInteger(caregiversNeeded) || caregiversNeeded < 1 || caregiversNeeded > 4)
    problems.push({ path: '$.caregiversNeeded', message: 'caregiversNeeded must be 1 to 4' });
  if (!isLocalDate(careNeed.startsOn))
    problems.push({ path: '$.startsOn', message: 'startsOn must be a date YYYY-MM-DD' });
  if (careNeed.endsOn != null) {
    if (!isLocalDate(careNeed.endsOn))
      problems.push({ path: '$.endsOn', message: 'endsOn must be a date YYYY-MM-DD' });
    else if (isLocalDate(careNeed.startsOn) && careNeed.endsOn < careNeed.startsOn)
      problems.push({ path: '$.endsOn', message: 'endsOn must not be before startsOn' });
  }
  return problems;
}

function assertCareNeed(careNeed: CareNeedInput): void {
  const problems = careNeedProblems(careNeed);
  if (problems.length > 0) throw new InvalidInputError('The care need is not valid.', problems);
}
