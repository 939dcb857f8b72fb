import { Injectable } from '@nestjs/common';
import { Clock, ConflictError, ForbiddenError, InvalidInputError } from '@homecare/common';
import {
  addDays,
  isLocalDate,
  localDateOf,
  startOfLocalDate,
  travelMinutesBetween,
} from '@homecare/scenario';
import { AccessLogService, AccessService, actionOf } from '../access';
import { NotificationsService } from '../notifications';
import type { Principal } from '../principal';
import { MyDayRepository, type OwnCaregiver } from './my-day.repository';
import type { MyDayView, MyDayVisitView, RunningLateView } from './my-day.view';

const MINUTE_MS = 60_000;
/** The zone of a day's date when the person is in no team yet. */
const FALLBACK_ZONE = 'Europe/Amsterdam';

/** The first word of a first name: all a family sees of a caregiver. */
function firstNameOf(name: string | null): string | null {
  return name?.trim().split(/\s+/)[0] || null;
}

/**
 * A caregiver's day: their own published visits of one local day (today in the team's zone by
 * default) in order, with the client's name and address, what to do, who goes with them and the
 * travel to the next visit; and "I'm running late", which tells the client's family and the team.
 */
@Injectable()
export class MyDayService {
  constructor(
    private readonly repository: MyDayRepository,
    private readonly access: AccessService,
    private readonly accessLog: AccessLogService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async day(principal: Principal, date?: string): Promise<MyDayView> {
    if (date !== undefined && !isLocalDate(date))
      throw new InvalidInputError('The date is not valid.', [
        { path: '$.date', message: 'date must be a date YYYY-MM-DD' },
      ]);
    const caregivers = await this.repository.ownCaregivers(principal.userId);
    const nowMinutes = this.clock.nowMs() / MINUTE_MS;
    const timezone = caregivers[0]?.timezone ?? FALLBACK_ZONE;
    const visits: MyDayVisitView[] = [];
    for (const caregiver of caregivers)
      visits.push(
        ...(await this.dayOf(principal, caregiver, date ?? localDateOf(nowMinutes, caregiver.timezone))),
      );
    visits.sort(
      (first, second) =>
        first.plannedStart.localeCompare(second.plannedStart) || first.visitId.localeCompare(second.visitId),
    );
    return { date: date ?? localDateOf(nowMinutes, timezone), timezone, visits };
  }

  private async dayOf(
    principal: Principal,
    caregiver: OwnCaregiver,
    date: string,
  ): Promise<MyDayVisitView[]> {
    const range = {
      from: new Date(startOfLocalDate(date, caregiver.timezone) * MINUTE_MS),
      to: new Date(startOfLocalDate(addDays(date, 1), caregiver.timezone) * MINUTE_MS),
    };
    // A cancelled visit is not work to go to; the roster leaves it out of the day too.
    const published = (await this.repository.publishedVisits(caregiver.id, range)).filter(
      ({ visit }) => visit.status !== 'cancelled' && visit.caregiverIds.includes(caregiver.id),
    );
    const visitIds = published.map(({ visit }) => visit.visitId);
    const [places, checkIns] = await Promise.all([
      this.repository.places(visitIds, {
        userId: principal.userId,
        action: actionOf(principal.route),
        route: principal.route,
      }),
      this.repository.ownCheckIns(caregiver.id, visitIds),
    ]);
    const placeOf = new Map(places.map((place) => [place.visitId, place]));
    const checkInOf = new Map(checkIns.map((checkIn) => [checkIn.visitId, checkIn]));
    return published.map(({ visit, earliestStart, latestEnd, firstNames }, index) => {
      const place = placeOf.get(visit.visitId)!;
      const next = published[index + 1] && placeOf.get(published[index + 1].visit.visitId);
      const checkIn = checkInOf.get(visit.visitId);
      return {
        visitId: visit.visitId,
        planId: visit.planId,
        teamId: visit.teamId,
        clientId: place.clientId,
        clientName: place.clientName,
        address: place.address,
        latitude: place.latitude,
        longitude: place.longitude,
        careNeed: place.careNeed,
        plannedStart: visit.plannedStart,
        plannedEnd: visit.plannedEnd,
        windowStart: earliestStart.toISOString(),
        windowEnd: latestEnd.toISOString(),
        partners: visit.caregiverIds
          .map((id, position) => (id === caregiver.id ? null : (firstNameOf(firstNames[position]) ?? '?')))
          .filter((name): name is string => name !== null),
        status: visit.status,
        checkIn: checkIn
          ? {
              checkInId: checkIn.id,
              checkedInAt: checkIn.checkedInAt.toISOString(),
              checkedOutAt: checkIn.checkedOutAt?.toISOString() ?? null,
            }
          : null,
        travelToNextMinutes: next
          ? travelMinutesBetween(
              { lat: place.latitude, lon: place.longitude },
              { lat: next.latitude, lon: next.longitude },
              caregiver.speedKmh,
              caregiver.detourFactor,
            )
          : null,
      };
    });
  }

  /**
   * "I'm running late, about `minutes`": the client's family and the team are told (grouped per
   * visit: a second message of the same visit replaces the first while unread). Only the
   * caregiver assigned to the visit in the published roster, as themselves.
   */
  async runningLate(principal: Principal, visitId: string, minutes: number): Promise<RunningLateView> {
    // Another team's visit is not found (404), as for check-ins.
    await this.access.assertVisits(principal, [visitId], 'read');
    return this.repository.transaction(async (manager) => {
      const own = await this.repository.ownAssignment(manager, visitId, principal.userId);
      if (!own)
        throw new ForbiddenError(
          'Only a caregiver assigned to this visit in the published roster says they are running late, as themselves.',
        );
      if (own.status === 'cancelled') throw new ConflictError('This visit is cancelled.');
      if (own.checkedOut) throw new ConflictError('You already checked out of this visit.');
      const [followers, team] = await Promise.all([
        this.notifications.followersOfClient(manager, own.clientId),
        this.notifications.membersOfTeam(manager, own.teamId),
      ]);
      const params = {
        at: own.plannedStart.toISOString(),
        zone: own.timezone,
        minutes,
        name: firstNameOf(own.firstName) ?? '',
        visitId,
      };
      const groupKey = `visit.running-late:${visitId}`;
      const messages = [
        ...followers.map((userId) => ({
          userId,
          kind: 'visit.running-late' as const,
          params,
          link: `/clients/${own.clientId}/plan`,
          groupKey,
        })),
        ...team
          .filter((reader) => !followers.includes(reader.userId))
          .map((reader) => ({
            userId: reader.userId,
            kind: 'visit.running-late' as const,
            params,
            link: `/teams/${own.teamId}`,
            groupKey,
          })),
      ];
      await this.notifications.notify(manager, messages, principal.userId);
      // The client's family was looked up and told: a write about that client.
      await this.accessLog.record(
        principal.userId,
        [own.clientId],
        actionOf(principal.route),
        principal.route,
      );
      return {
        visitId,
        minutes,
        told: new Set(messages.map((message) => message.userId).filter((id) => id !== principal.userId)).size,
      };
    });
  }
}
