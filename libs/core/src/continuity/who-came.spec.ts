import { carriedHistory, clientAcquaintances, whoCame, type VisitAttendance } from './who-came';

const DAY_MS = 24 * 60 * 60_000;
// Any instant will do: the rules only look at the distance to it.
const NOW = Date.UTC(2031, 4, 14, 9, 30);

const row = (visitId: string, caregiverId: string, daysAgo: number, clientId = 'c'): VisitAttendance => ({
  visitId,
  clientId,
  caregiverId,
  atMs: NOW - daysAgo * DAY_MS,
});

describe('who came', () => {
  it('counts the check-ins of a visit instead of its published caregivers', () => {
    const came = whoCame(
      [row('v1', 'anna', 3), row('v2', 'anna', 2), row('v3', 'anna', 1), row('v3', 'bram', 1)],
      [row('v2', 'carla', 2), row('v3', 'bram', 1)],
    );
    expect(came.map((visit) => [visit.visitId, visit.caregiverId, visit.source]).sort()).toEqual([
      ['v1', 'anna', 'published'],
      ['v2', 'carla', 'checked-in'],
      ['v3', 'bram', 'checked-in'],
    ]);
  });

  it('adds what happened to the imported history, the one who checked in counting for the visit', () => {
    const history = carriedHistory(
      [
        { clientId: 'c', caregiverId: 'anna', visits: 2 },
        { clientId: 'd', caregiverId: 'bram', visits: 1 },
      ],
      [row('v1', 'anna', 1), row('v2', 'anna', 2), row('v3', 'anna', 15)],
      [row('v2', 'bram', 2)],
      NOW,
    );
    expect(history).toEqual([
      { clientId: 'c', caregiverId: 'anna', visits: 3.5 },
      { clientId: 'c', caregiverId: 'bram', visits: 1 },
      { clientId: 'd', caregiverId: 'bram', visits: 1 },
    ]);
  });

  it('leaves out visits outside the window and those not before the period', () => {
    expect(
      carriedHistory([], [row('v1', 'anna', 0), row('v2', 'anna', -3), row('v3', 'anna', 22)], [], NOW, 3),
    ).toEqual([]);
  });
});

describe("a client's acquaintances", () => {
  it('lists per caregiver the published and checked-in visits, the last visit and the weight', () => {
    const known = clientAcquaintances(
      [{ clientId: 'c', caregiverId: 'dirk', visits: 4 }],
      [row('v1', 'anna', 1), row('v2', 'anna', 8), row('v3', 'anna', 40), row('v4', 'anna', -1)],
      [row('v2', 'bram', 8)],
      NOW,
    );
    expect(known.caregivers).toEqual([
      {
        caregiverId: 'dirk',
        publishedVisits: 0,
        checkedInVisits: 0,
        importedVisits: 4,
        lastVisitMs: null,
        weight: 4,
      },
      {
        caregiverId: 'anna',
        publishedVisits: 3,
        checkedInVisits: 0,
        importedVisits: 0,
        lastVisitMs: NOW - DAY_MS,
        weight: 1.18,
      },
      {
        caregiverId: 'bram',
        publishedVisits: 0,
        checkedInVisits: 1,
        importedVisits: 0,
        lastVisitMs: NOW - 8 * DAY_MS,
        weight: 0.71,
      },
    ]);
    // anna (day 1) and bram (day 8): anna's visit of day 40 is older than 4 weeks, dirk's imported.
    expect(known.distinctCaregiversLast4Weeks).toBe(2);
  });
});
