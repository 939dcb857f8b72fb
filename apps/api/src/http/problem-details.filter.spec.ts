import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError } from '@homecare/common';
import { inLanguageOf, ProblemDetailsFilter } from './problem-details.filter';

const driverError = (message: string, code?: string): Error => Object.assign(new Error(message), { code });

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();
  beforeAll(() => Logger.overrideLogger(false));

  it("words title and detail in the requester's language, with the same code and field problems", () => {
    const english = filter.toProblem(new ConflictError('visit 1f0c is planned; cancel it instead'));
    expect(inLanguageOf(english, 'en')).toEqual(english);
    const dutch = inLanguageOf(english, 'nl');
    expect(dutch).toMatchObject({ status: 409, code: english.code, title: 'Botst met wat er al is' });
    expect(dutch.detail).toBe('Dit botst met wat er al is.');
    expect(dutch.detail).not.toContain('1f0c');
    const invalid = filter.toProblem(
      new InvalidInputError('bad', [{ path: '$.start', message: 'must be a time' }]),
    );
    expect(inLanguageOf(invalid, 'nl')).toMatchObject({
      title: 'Ongeldig verzoek',
      detail: 'Niet alles wat u invulde is geldig.',
      problems: [{ path: '$.start', message: 'must be a time' }],
    });
  });

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
        code: 'service.unavailable',
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
      code: 'internal',
      detail: 'Something went wrong on our side.',
    });
  });

  it('carries the rule that refused as `code`, and the generic code of the kind otherwise', () => {
    expect(
      filter.toProblem(
        new ConflictError('The plan changed since you read it.', { code: 'precondition.failed' }),
      ),
    ).toMatchObject({
      status: 409,
      code: 'precondition.failed',
      detail: 'The plan changed since you read it.',
    });
    expect(filter.toProblem(new ConflictError('Taken.'))).toMatchObject({
      status: 409,
      code: 'resource.conflict',
    });
    expect(filter.toProblem(new NotFoundError('client', 'x'))).toMatchObject({
      status: 404,
      code: 'resource.not-found',
      resource: 'client',
    });
    expect(
      filter.toProblem(new InvalidInputError('Bad.', [{ path: 'body.start', message: 'must be a time' }])),
    ).toMatchObject({ status: 400, code: 'request.invalid', problems: [{ path: 'body.start' }] });
    // The code is a member of its own, never also an extension copied from the details.
    expect(Object.keys(filter.toProblem(new ConflictError('x', { code: 'resource.duplicate' })))).toEqual(
      expect.not.arrayContaining(['details']),
    );
  });
});
