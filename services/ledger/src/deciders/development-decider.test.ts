// Given/when/then for trainings, assessments, mentoring and successor nominations.
import t from 'tap';
import type { CommandOfType } from '@estafet/events';
import { assigned, nip, organisation, sk } from './decider-fixtures.js';
import { fact, given, invalid, notFound, testEventId, violates } from './decider-spec.js';

const MENTOR = testEventId(401);
const SEPARATED = testEventId(402);
const training: CommandOfType<'RecordTraining'> = {
  type: 'RecordTraining', nip: nip.citra, courseCode: 'DIGI-01', courseTitle: 'Literasi Data', jpHours: 24,
  competenciesGranted: ['analisis-data'], effectiveAt: '2024-03-01',
};
const mentor = { type: 'AssignMentor', nip: nip.citra, mentorNip: nip.ani, focus: 'kepemimpinan', effectiveAt: '2024-01-01' } as const;
const mentorship = fact('MentorAssigned', { mentorNip: nip.ani, menteeNip: nip.citra, focus: 'kepemimpinan' }, '2024-01-01', { id: MENTOR });

t.test('a training is recorded in the employee stream, without a decree', (t) => {
  t.test('recorded', (t) => given(organisation).when(training).then(t, [{
    streamId: `employee-${nip.citra}`, type: 'TrainingCompleted',
    data: { nip: nip.citra, courseCode: 'DIGI-01', courseTitle: 'Literasi Data', jpHours: 24, competenciesGranted: ['analisis-data'] },
  }]));
  t.test('with a decree', (t) => given(organisation).when({ ...training, legalBasis: sk }).then(t, invalid('legalBasis')));
  t.test('after separation', (t) => given([...organisation, fact('EmployeeSeparated', { nip: nip.citra, reason: 'RESIGNATION' }, '2024-01-01', { id: SEPARATED })])
    .when(training).then(t, violates('employee-separated', SEPARATED)));
  t.test('unknown', (t) => given([]).when(training).then(t, notFound('employee', nip.citra)));
  t.end();
});

t.test('an assessment is recorded in the employee stream', (t) =>
  given(organisation).when({ type: 'AssessCompetency', nip: nip.citra, competency: 'analisis-data', level: 3, method: 'assessment center', effectiveAt: '2024-03-01' })
    .then(t, [{
      streamId: `employee-${nip.citra}`, type: 'CompetencyAssessed',
      data: { nip: nip.citra, competency: 'analisis-data', level: 3, method: 'assessment center' },
    }]));

t.test('mentoring lives in the mentee stream, linked into the mentor\'s', (t) => {
  t.test('assigned', (t) => given(organisation).when(mentor).then(t, [{
    streamId: `employee-${nip.citra}`, alsoIn: [`employee-${nip.ani}`], type: 'MentorAssigned',
    data: { mentorNip: nip.ani, menteeNip: nip.citra, focus: 'kepemimpinan' },
  }]));
  t.test('self', (t) => given(organisation).when({ ...mentor, mentorNip: nip.citra }).then(t, invalid('mentorNip')));
  t.test('already', (t) => given([...organisation, mentorship]).when({ ...mentor, effectiveAt: '2024-02-01' })
    .then(t, violates('mentorship-active', MENTOR)));
  t.test('ended', (t) => given([...organisation, mentorship])
    .when({ type: 'EndMentorship', nip: nip.citra, mentorNip: nip.ani, effectiveAt: '2024-06-01' }).then(t, [{
      streamId: `employee-${nip.citra}`, alsoIn: [`employee-${nip.ani}`], type: 'MentorshipEnded',
      data: { mentorNip: nip.ani, menteeNip: nip.citra },
    }]));
  t.test('ending none', (t) => given(organisation)
    .when({ type: 'EndMentorship', nip: nip.citra, mentorNip: nip.ani, effectiveAt: '2024-06-01' })
    .then(t, violates('mentorship-not-active')));
  t.end();
});

t.test('a successor is nominated in the position stream, linked into the nominee\'s', (t) => {
  const nominate = { type: 'NominateSuccessor', positionId: 'kadis', nip: nip.budi, readiness: 'READY_1_2_YEARS', talentBox: 8, effectiveAt: '2024-01-01' } as const;
  t.test('nominated', (t) => given(organisation).when(nominate).then(t, [{
    streamId: 'position-kadis', alsoIn: [`employee-${nip.budi}`], type: 'SuccessorNominated',
    data: { positionId: 'kadis', nip: nip.budi, readiness: 'READY_1_2_YEARS', talentBox: 8 },
  }]));
  t.test('the holder', (t) => given([...organisation, assigned(nip.budi, 'kadis', '2020-01-01', MENTOR)]).when(nominate)
    .then(t, violates('already-holder', MENTOR)));
  t.end();
});
