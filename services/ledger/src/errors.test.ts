// Domain errors map to HTTP statuses (400, 404, 409, 412) through their code.
import t from 'tap';
import { InvalidAppendError } from './store/event-store.js';
import { NotFoundError, RuleViolationError, StreamVersionConflictError, ValidationError, httpStatusOf } from './errors.js';

t.test('every domain error carries a code and its HTTP status', (t) => {
  const invalid = new ValidationError([{ path: 'legalBasis', message: 'required' }, { path: '', message: 'empty' }]);
  t.match(invalid, { code: 'VALIDATION_FAILED', httpStatus: 400, message: 'legalBasis: required; empty' });
  t.match(new NotFoundError('unit', 'dinas-x'), { code: 'NOT_FOUND', httpStatus: 404, message: 'unit dinas-x is not recorded' });
  t.match(new RuleViolationError('position-occupied', 'held', 'e-1'), { code: 'RULE_VIOLATION', httpStatus: 409, rule: 'position-occupied', conflictingEventId: 'e-1' });
  t.equal(httpStatusOf(new StreamVersionConflictError('unit-a', 1, 2)), 412);
  t.equal(httpStatusOf(new InvalidAppendError('bad')), 400);
  t.equal(httpStatusOf(new Error('boom')), undefined);
  t.ok(invalid instanceof Error);
  t.end();
});
