import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ProblemDetailsFilter } from './problem-details.filter';

const driverError = (message: string, code?: string): Error => Object.assign(new Error(message), { code });

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();
  beforeAll(() => Logger.overrideLogger(false));

  it('answers 503 (try again), not 500, while Postgres restarts or is down', () => {
    for (const error of [
      new QueryFailedError(
        'SELECT 1',
        [],
        driverError('terminating connection due to administrator command', '57P01'),
      ),
      driverError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      new QueryFailedError('COMMIT', [], driverError('Connection terminated unexpectedly')),
    ])
      expect(filter.toProblem(error)).toEqual({
        type: '/problems/unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: 'A service this request needs is unavailable; try again shortly.',
      });
  });

  it('still answers 500 for a database error that is a bug, without its message', () => {
    const problem = filter.toProblem(
      new QueryFailedError('SELEC 1', [], driverError('syntax error', '42601')),
    );
    expect(problem).toEqual({
      type: '/problems/internal-error',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side.',
    });
  });
});
