// What every part of the board needs to show a plan: names, colours and initials of caregivers,
// client names, the team's zone and who the signed-in person is in this team. Built once per page.
import { useMemo } from 'react';
import { t } from '../../i18n';
import type { Plan, PlanAssignment, TeamCaregiver, TeamClient } from './board-api';
import { coloursOf, initialsOf } from './timeline';

export interface BoardModel {
  timeZone: string;
  /**
   * Caregivers in lane order: the signed-in caregiver first, the plan's members (by name), then
   * other active caregivers.
   */
  laneIds: string[];
  nameOf: (caregiverId: string) => string;
  initialsOf: (caregiverId: string) => string;
  colourOf: (caregiverId: string) => { background: string; ink: string };
  clientName: (clientId: string | null) => string;
  /** The signed-in person's caregiver id in this team, when they are an active member of it. */
  me: string | null;
  /** The assignments shown (the current version, or an older one). */
  assignments: PlanAssignment[];
  /** Visit id -> assignment of the shown version. */
  visit: (visitId: string) => PlanAssignment | undefined;
}

export function useBoardModel(input: {
  timeZone: string;
  plan: Plan | undefined;
  assignments: PlanAssignment[];
  caregivers: TeamCaregiver[];
  clients: TeamClient[];
  userId: string | undefined;
  isCaregiver: boolean;
}): BoardModel {
  const { timeZone, plan, assignments, caregivers, clients, userId, isCaregiver } = input;
  return useMemo(() => {
    const byId = new Map(caregivers.map((caregiver) => [caregiver.id, caregiver]));
    const memberIds = plan?.members.map((member) => member.caregiverId) ?? [];
    const assignedIds = new Set(assignments.flatMap((assignment) => assignment.caregiverIds));
    const others = caregivers
      .filter(
        (caregiver) =>
          !memberIds.includes(caregiver.id) && (caregiver.active || assignedIds.has(caregiver.id)),
      )
      .map((caregiver) => caregiver.id);
    const mine = caregivers.find((caregiver) => caregiver.userId === userId && caregiver.active);
    const me = isCaregiver && mine ? mine.id : null;
    // The signed-in caregiver's own row first: on a phone it is the one they look for.
    const laneIds = [...memberIds, ...others].sort(
      (first, second) => Number(second === me) - Number(first === me),
    );
    // Colours follow the team's own list (sorted by the API), so they are the same on every page.
    const colours = coloursOf(caregivers.map((caregiver) => caregiver.id));
    const initials = initialsOf(caregivers);
    const clientNames = new Map(clients.map((client) => [client.id, client.name]));
    const visits = new Map(assignments.map((assignment) => [assignment.visitId, assignment]));
    return {
      timeZone,
      laneIds,
      nameOf: (caregiverId) => {
        const caregiver = byId.get(caregiverId);
        if (!caregiver) return t('board.caregiver.unknown');
        return [caregiver.firstName, caregiver.lastName].filter(Boolean).join(' ');
      },
      initialsOf: (caregiverId) => initials.get(caregiverId) ?? '?',
      colourOf: (caregiverId) => colours.get(caregiverId) ?? { background: '#6b7480', ink: '#ffffff' },
      clientName: (clientId) => (clientId && clientNames.get(clientId)) || t('board.client.unknown'),
      me,
      assignments,
      visit: (visitId) => visits.get(visitId),
    };
  }, [timeZone, plan, assignments, caregivers, clients, userId, isCaregiver]);
}
