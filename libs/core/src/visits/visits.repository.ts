import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CareNeed, Team, Visit, type VisitPriorityValue, type VisitStatus } from '@homecare/database';
import type { PageRequest } from '../shared';
import type { DatePeriod } from './visit-generation';

/** One visit a care need asks for, as the generation writes it (jsonb_to_recordset's columns). */
export interface GeneratedVisitRow {
  care_need_id: string;
  client_id: string;
  date: string;
  earliest_start: string;
  latest_end: string;
  duration_minutes: number;
  required_skills: string[];
  caregivers_needed: number;
}

/** Every statement of visits. */
@Injectable()
export class VisitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  team(id: string): Promise<Team | null> {
    return this.dataSource.manager.findOneBy(Team, { id });
  }

  visit(id: string): Promise<Visit | null> {
    return this.dataSource.manager.findOneBy(Visit, { id });
  }

  async careNeedPriority(careNeedId: string): Promise<VisitPriorityValue | undefined> {
    const careNeed = await this.dataSource.manager.findOne(CareNeed, {
      select: { id: true, priority: true },
      where: { id: careNeedId },
    });
    return careNeed?.priority;
  }

  /** A page of a team's visits in the period, in time order, with their care need's priority. */
  visitsOf(
    teamId: string,
    filter: DatePeriod & { clientId?: string; status?: VisitStatus },
    page: PageRequest,
  ): Promise<[Visit[], number]> {
    const query = this.dataSource.manager
      .createQueryBuilder(Visit, 'visit')
      .where('visit.teamId = :teamId', { teamId })
      .leftJoin('visit.careNeed', 'careNeed')
      .addSelect('careNeed.priority')
      .andWhere('visit.date BETWEEN :from AND :to', { from: filter.from, to: filter.to });
    if (filter.clientId) query.andWhere('visit.clientId = :clientId', { clientId: filter.clientId });
    if (filter.status) query.andWhere('visit.status = :status', { status: filter.status });
    return query
      .orderBy('visit.earliestStart', 'ASC')
      .addOrderBy('visit.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
  }

  insert(visit: Partial<Visit>): Promise<Visit> {
    const visits = this.dataSource.manager.getRepository(Visit);
    return visits.save(visits.create(visit));
  }

  save(manager: EntityManager, visit: Visit): Promise<Visit> {
    return manager.save(visit);
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.manager.delete(Visit, { id });
  }

  /** The care needs of the team's clients (not archived) that overlap the period. */
  careNeedsToGenerate(teamId: string, period: DatePeriod): Promise<CareNeed[]> {
    return (
      this.dataSource.manager
        .createQueryBuilder(CareNeed, 'careNeed')
        .innerJoin('careNeed.client', 'client')
        .where('client.teamId = :teamId', { teamId })
        // An archived client is no longer cared for: their generated visits are cancelled.
        .andWhere('client.archivedAt IS NULL')
        .andWhere('careNeed.startsOn <= :to', { to: period.to })
        .andWhere('(careNeed.endsOn IS NULL OR careNeed.endsOn >= :from)', { from: period.from })
        .getMany()
    );
  }

  /** The API and the worker may generate the same team at once; one after the other is simpler. */
  async lockGeneration(manager: EntityManager, teamId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`visit-generation:${teamId}`]);
  }

  /** Writes the generated visits; how many were created and how many updated. */
  async upsertGenerated(
    manager: EntityManager,
    teamId: string,
    rows: GeneratedVisitRow[],
  ): Promise<{ created: number; updated: number }> {
    const [upserted] = await manager.query<{ created: number; updated: number }[]>(
      `WITH upserted AS (
         INSERT INTO visit (team_id, client_id, care_need_id, date, earliest_start, latest_end, duration_minutes, required_skills, caregivers_needed)
         SELECT $2, spec.client_id, spec.care_need_id, spec.date, spec.earliest_start, spec.latest_end, spec.duration_minutes, spec.required_skills, spec.caregivers_needed
         FROM jsonb_to_recordset($1::jsonb) AS spec(care_need_id uuid, client_id uuid, date date, earliest_start timestamptz, latest_end timestamptz,
                                                     duration_minutes integer, required_skills text[], caregivers_needed smallint)
         ON CONFLICT ON CONSTRAINT uq_visit_care_need_date DO UPDATE SET
           earliest_start = EXCLUDED.earliest_start,
           latest_end = EXCLUDED.latest_end,
           duration_minutes = EXCLUDED.duration_minutes,
           required_skills = EXCLUDED.required_skills,
           caregivers_needed = EXCLUDED.caregivers_needed,
           status = 'planned',
           updated_at = now()
         -- Hand-edited visits are left alone. A cancelled, non-detached visit was cancelled by an
         -- earlier generation (a hand cancel detaches): the care need asks for it again, so it returns.
         WHERE visit.detached = false
           AND (visit.status = 'cancelled'
             OR (visit.earliest_start, visit.latest_end, visit.duration_minutes, visit.required_skills, visit.caregivers_needed)
                IS DISTINCT FROM (EXCLUDED.earliest_start, EXCLUDED.latest_end, EXCLUDED.duration_minutes, EXCLUDED.required_skills, EXCLUDED.caregivers_needed))
         RETURNING (xmax = 0) AS inserted
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`,
      [JSON.stringify(rows), teamId],
    );
    return upserted;
  }

  /** Cancels the planned generated visits of the period no care need asks for any more; how many. */
  async cancelUnwanted(
    manager: EntityManager,
    teamId: string,
    period: DatePeriod,
    wanted: { careNeedId: string; date: string }[],
  ): Promise<number> {
    const [cancelled] = await manager.query<{ count: number }[]>(
      `WITH cancelled AS (
         UPDATE visit SET status = 'cancelled', updated_at = now()
         WHERE visit.team_id = $1
           AND visit.date BETWEEN $2 AND $3
           AND visit.care_need_id IS NOT NULL
           AND visit.detached = false
           AND visit.status = 'planned'
           AND NOT EXISTS (
             SELECT 1 FROM unnest($4::uuid[], $5::date[]) AS wanted(care_need_id, date)
             WHERE wanted.care_need_id = visit.care_need_id AND wanted.date = visit.date)
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM cancelled`,
      [
        teamId,
        period.from,
        period.to,
        wanted.map((spec) => spec.careNeedId),
        wanted.map((spec) => spec.date),
      ],
    );
    return cancelled.count;
  }
}
