// Which answers may be cached (past dates, a caught-up read model) and which events invalidate them
// (corrections, retractions, anything recorded after the day it takes effect, in Jakarta time).
import t from 'tap';
import { invalidatesAnswers, mayCacheAnswer } from './answer-cache-policy.js';

t.test('only past dates from a read model that had folded the head', (t) => {
  const scope = { dates: ['2023-03-01'], today: '2024-06-03', checkpoint: 10, head: 10 };
  t.ok(mayCacheAnswer(scope));
  t.notOk(mayCacheAnswer({ ...scope, dates: ['2024-06-03'] }), 'today still changes');
  t.notOk(mayCacheAnswer({ ...scope, dates: ['2023-03-01', '2024-07-01'] }), 'a diff into the future');
  t.notOk(mayCacheAnswer({ ...scope, checkpoint: 9 }), 'the read model lags the store');
  t.notOk(mayCacheAnswer({ ...scope, dates: [] }));
  t.end();
});

t.test('corrections, retractions and retroactive events invalidate; events from today on do not', (t) => {
  const recordedAt = '2024-06-02T18:30:00.000Z'; // 01:30 on 3 June in Jakarta
  t.ok(invalidatesAnswers({ type: 'EventCorrected', effectiveAt: '2024-06-03', recordedAt }));
  t.ok(invalidatesAnswers({ type: 'EventRetracted', effectiveAt: '2024-06-10', recordedAt }));
  t.ok(invalidatesAnswers({ type: 'EmployeeTransferred', effectiveAt: '2024-06-02', recordedAt }), 'a retroactive SK');
  t.notOk(invalidatesAnswers({ type: 'EmployeeTransferred', effectiveAt: '2024-06-03', recordedAt }), 'takes effect today in Jakarta');
  t.notOk(invalidatesAnswers({ type: 'EmployeeTransferred', effectiveAt: '2024-06-02', recordedAt }, 0), 'in UTC it is still 2 June');
  t.notOk(invalidatesAnswers({ type: 'EmployeeTransferred', effectiveAt: '2024-06-02', recordedAt: '2024-06-02T10:00:00+07:00' }));
  t.end();
});
