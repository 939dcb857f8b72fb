import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, NotFoundError } from '@homecare/common';
import { localDateOf } from '@homecare/scenario';
import { DEFAULT_HISTORY_WEEKS, type ImportedHistory } from './continuity-history';
import { ContinuityRepository, type ContinuityScope } from './continuity.repository';
import type { ClientContinuityView } from './continuity.view';
import { carriedHistory, clientAcquaintances } from './who-came';

const WEEK_MS = 7 * 24 * 60 * 60_000;

/**
 * Continuity that lasts: the published weeks and the check-ins of the window before a period become
 * the roster engine's history for it, on top of the imported counts.
 */
@Injectable()
export class ContinuityService {
  constructor(
    private readonly repository: ContinuityRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The history of a team's clients for a period starting at `periodStart`, as
   * `{clientId, caregiverId, visits}` (database ids): what the scenario export carries. In the
   * caller's transaction (`manager`), so that it sees what the rest of its document sees.
   */
  async historyFor(manager: EntityManager, teamId: string, periodStart: Date): Promise<ImportedHistory[]> {
    const weeks = (await this.repository.windowWeeksOfTeam(manager, teamId)) ?? DEFAULT_HISTORY_WEEKS;
    const scope: ContinuityScope = { teamId };
    const imported = await this.repository.imported(manager, scope);
    const { published, checkIns } = await this.repository.attendance(
      manager,
      scope,
      windowBefore(periodStart, weeks),
    );
    return carriedHistory(imported, published, checkIns, periodStart.getTime(), weeks);
  }

  /** Who knows this client, as of now. The caller has checked (and logged) the read. */
  clientContinuity(clientId: string): Promise<ClientContinuityView> {
    const now = this.clock.now();
    return this.repository.snapshot(async (manager) => {
      const place = await this.repository.clientPlace(manager, clientId);
      if (!place) throw new NotFoundError('client', clientId);
      const scope: ContinuityScope = { clientId };
      const imported = await this.repository.imported(manager, scope);
      const { published, checkIns } = await this.repository.attendance(
        manager,
        scope,
        windowBefore(now, place.windowWeeks),
      );
      const known = clientAcquaintances(imported, published, checkIns, now.getTime(), place.windowWeeks);
      const names = new Map(
        (
          await this.repository.caregivers(
            manager,
            known.caregivers.map((entry) => entry.caregiverId),
          )
        ).map((caregiver) => [caregiver.id, caregiver]),
      );
      return {
        clientId,
        windowWeeks: place.windowWeeks,
        distinctCaregiversLast4Weeks: known.distinctCaregiversLast4Weeks,
        caregivers: known.caregivers.map((entry) => ({
          caregiverId: entry.caregiverId,
          firstName: names.get(entry.caregiverId)?.firstName ?? '',
          lastName: names.get(entry.caregiverId)?.lastName ?? '',
          publishedVisits: entry.publishedVisits,
          checkedInVisits: entry.checkedInVisits,
          importedVisits: entry.importedVisits,
          lastVisitAt: entry.lastVisitMs === null ? null : new Date(entry.lastVisitMs).toISOString(),
          lastVisitDate:
            entry.lastVisitMs === null
              ? null
              : localDateOf(Math.floor(entry.lastVisitMs / 60_000), place.timezone),
          weight: entry.weight,
        })),
      };
    });
  }
}

/** The `weeks` whole weeks before an instant, as the weighting counts them. */
function windowBefore(end: Date, weeks: number): { from: Date; to: Date } {
  return { from: new Date(end.getTime() - weeks * WEEK_MS), to: end };
}
