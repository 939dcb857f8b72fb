import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ArrayContains, type EntityManager, type FindOptionsWhere, type Repository } from 'typeorm';
import { ConflictError, NotFoundError } from '@homecare/common';
import { Caregiver, Team, VisitPin } from '@homecare/database';
import { openCheckIns, type Page, type PageRequest } from '../shared';

export interface CaregiverInput {
  firstName: string;
  lastName?: string;
  skills?: string[];
  maxMinutesPerWeek: number;
  maxMinutesPerDay?: number | null;
  travelSpeedKmh?: number | null;
  active?: boolean;
  externalRef?: string | null;
}

export type CaregiverChanges = Partial<CaregiverInput>;

export interface CaregiverFilter {
  active?: boolean;
  skill?: string;
}

/** A caregiver together with the time zone of their team, in which all their local times are read. */
export interface CaregiverInZone {
  caregiver: Caregiver;
  timezone: string;
}

@Injectable()
export class CaregiversService {
  constructor(
    @InjectRepository(Caregiver) private readonly caregivers: Repository<Caregiver>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    @InjectRepository(VisitPin) private readonly pins: Repository<VisitPin>,
  ) {}

  async createCaregiver(teamId: string, input: CaregiverInput): Promise<Caregiver> {
    await this.requireTeam(teamId);
    return this.caregivers.save(this.caregivers.create({ ...definedOnly(input), teamId }));
  }

  async listCaregivers(teamId: string, filter: CaregiverFilter, page: PageRequest): Promise<Page<Caregiver>> {
    await this.requireTeam(teamId);
    const where: FindOptionsWhere<Caregiver> = { teamId };
    if (filter.active !== undefined) where.active = filter.active;
    if (filter.skill !== undefined) where.skills = ArrayContains([filter.skill]);
    const [items, total] = await this.caregivers.findAndCount({
      where,
      order: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total, ...page };
  }

  /** In a caller's transaction when given its `manager`. */
  async getCaregiver(caregiverId: string, manager = this.caregivers.manager): Promise<Caregiver> {
    const caregiver = await manager.findOneBy(Caregiver, { id: caregiverId });
    if (!caregiver) throw new NotFoundError('caregiver', caregiverId);
    return caregiver;
  }

  /** The caregiver only if they belong to the team: a caregiver of another team is "not found". */
  async getCaregiverInTeam(teamId: string, caregiverId: string): Promise<Caregiver> {
    const caregiver = await this.caregivers.findOneBy({ id: caregiverId, teamId });
    if (!caregiver) throw new NotFoundError('caregiver', caregiverId);
    return caregiver;
  }

  /** The caregiver and their team's time zone, in one query (in a caller's transaction: `manager`). */
  async getCaregiverInZone(
    caregiverId: string,
    manager: EntityManager = this.caregivers.manager,
  ): Promise<CaregiverInZone> {
    const caregiver = await manager.findOne(Caregiver, {
      where: { id: caregiverId },
      relations: { team: true },
    });
    if (!caregiver?.team) throw new NotFoundError('caregiver', caregiverId);
    const { team, ...rest } = caregiver;
    return { caregiver: rest, timezone: team.timezone };
  }

  async updateCaregiver(caregiverId: string, changes: CaregiverChanges): Promise<Caregiver> {
    const caregiver = await this.getCaregiver(caregiverId);
    return this.caregivers.save(Object.assign(caregiver, definedOnly(changes)));
  }

  /**
   * Deletes a caregiver with their availability. Refused while a visit is pinned to them: the team
   * agreed that decision, so it must be undone first (or the caregiver deactivated instead). Refused
   * too while their check-ins count for a pay period that is not locked: the delete would take
   * those hours out of payroll; deactivating keeps them.
   */
  async deleteCaregiver(caregiverId: string): Promise<void> {
    await this.getCaregiver(caregiverId);
    const checkIns = await openCheckIns(this.caregivers.manager, 'k.caregiver_id = $1', caregiverId);
    if (checkIns > 0)
      throw new ConflictError(
        'The caregiver has worked hours in a pay period that is not locked; deactivate them instead (PATCH with "active": false), which keeps hours and history.',
        { code: 'caregiver.has-open-hours', checkIns },
      );
    const pinned = await this.pins
      .createQueryBuilder('pin')
      .select('pin.visitId', 'visitId')
      .where(':caregiverId = ANY(pin.caregiverIds)', { caregiverId })
      .getRawMany<{ visitId: string }>();
    if (pinned.length > 0) {
      throw new ConflictError(
        `Caregiver ${caregiverId} is pinned to ${pinned.length} visit(s). Remove those pins first, or deactivate the caregiver (PATCH with "active": false) to keep their history.`,
        { visitIds: pinned.map((pin) => pin.visitId) },
      );
    }
    await this.caregivers.delete({ id: caregiverId });
  }

  private async requireTeam(teamId: string): Promise<Team> {
    const team = await this.teams.findOneBy({ id: teamId });
    if (!team) throw new NotFoundError('team', teamId);
    return team;
  }
}

/** Drops keys whose value is undefined: a DTO instance declares every field, sent or not. */
function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
