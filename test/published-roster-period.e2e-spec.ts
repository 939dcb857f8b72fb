import { addDays } from '@homecare/scenario';
import { createTeam, createTestApp, expectProblem, signInAs, type TestApp } from './support/test-app';
import { today, weekFromNow } from './support/clock';

const WEEK_FROM = weekFromNow(1).periodStart;

/**
 * The published roster reads a period of local dates: calendar dates, in order, at most 62 days,
 * within two years of the clock's today. Anything else is a 400 naming the rule, before any read.
 */
describe('GET /teams/:id/published-roster: the period', () => {
  let api: TestApp;
  let teamId: string;
  let read: (query: Record<string, string>) => ReturnType<TestApp['http']['get']>;

  beforeAll(async () => {
    api = await createTestApp();
    ({ teamId } = await createTeam(api.http));
    const caregiver = await signInAs(api, { role: 'caregiver', teamIds: [teamId] });
    read = (query) => caregiver.http.get(`/teams/${teamId}/published-roster`).query(query);
  });

  afterAll(() => api?.close());

  it('answers a period within the bounds, up to 62 days long and two years either way', async () => {
    await read({ from: WEEK_FROM, to: addDays(WEEK_FROM, 6) }).expect(200);
    await read({ from: WEEK_FROM, to: addDays(WEEK_FROM, 61) }).expect(200);
    await read({ from: addDays(today(), -700), to: addDays(today(), -690) }).expect(200);
    await read({ from: addDays(today(), 690), to: addDays(today(), 700) }).expect(200);
  });

  it('refuses dates that are not dates, and a period that ends before it starts', async () => {
    const notADate = expectProblem(await read({ from: `${today().slice(0, 4)}-02-30`, to: WEEK_FROM }), 400);
    expect(notADate).toMatchObject({ code: 'request.invalid', problems: [{ path: 'query.from' }] });
    const reversed = expectProblem(await read({ from: WEEK_FROM, to: addDays(WEEK_FROM, -1) }), 400);
    expect(reversed).toMatchObject({ code: 'request.invalid', problems: [{ path: 'query.to' }] });
  });

  it('refuses a period longer than 62 days with period.too-long', async () => {
    const body = expectProblem(await read({ from: WEEK_FROM, to: addDays(WEEK_FROM, 62) }), 400);
    expect(body).toMatchObject({ code: 'period.too-long', problems: [{ path: 'query.to' }] });
  });

  it('refuses a period more than two years from today with period.out-of-range', async () => {
    const past = expectProblem(await read({ from: '1900-01-01', to: '1900-01-31' }), 400);
    expect(past).toMatchObject({ code: 'period.out-of-range', problems: [{ path: 'query.from' }] });
    const future = expectProblem(await read({ from: '2999-12-01', to: '2999-12-31' }), 400);
    expect(future).toMatchObject({ code: 'period.out-of-range', problems: [{ path: 'query.to' }] });
    const farAhead = addDays(today(), 2 * 366 + 1);
    const justBeyond = expectProblem(await read({ from: addDays(farAhead, -3), to: farAhead }), 400);
    expect(justBeyond).toMatchObject({ code: 'period.out-of-range' });
    // The reported bug: the whole millennium was accepted (and scanned).
    expect((await read({ from: '1900-01-01', to: '2999-12-31' })).status).toBe(400);
  });
});
