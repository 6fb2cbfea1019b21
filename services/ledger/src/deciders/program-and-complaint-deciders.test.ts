// Given/when/then for programs (and the position they are led from) and public complaints.
import t from 'tap';
import { organisation } from './decider-fixtures.js';
import { fact, given, invalid, notFound, testEventId, violates } from './decider-spec.js';

const CLOSED = testEventId(301);
const RESOLVED = testEventId(302);
const register = {
  type: 'RegisterProgram', programId: 'kjp-plus', name: 'KJP Plus', unitId: 'dinas-pendidikan', leadingPositionId: 'kadis',
  criticality: 'CRITICAL', phase: 'IMPLEMENTATION', periodStart: '2024-01-01', periodEnd: null, effectiveAt: '2024-01-01',
} as const;
const { type: _type, effectiveAt: _effectiveAt, ...programData } = register;
const kjp = fact('ProgramRegistered', programData, '2024-01-01');

t.test('a program is registered, led from a leadership position', (t) => {
  t.test('registered', (t) => given(organisation).when(register).then(t, [{ streamId: 'program-kjp-plus', type: 'ProgramRegistered', data: programData }]));
  t.test('not a leadership position', (t) => given(organisation).when({ ...register, leadingPositionId: 'kabid' }).then(t, [{
    streamId: 'program-kjp-plus', type: 'ProgramRegistered', data: { ...programData, leadingPositionId: 'kabid' },
  }], ['not a leadership position']));
  t.test('twice', (t) => given([...organisation, kjp]).when(register).then(t, violates('already-exists', 'kjp-plus')));
  t.test('unknown position', (t) => given(organisation).when({ ...register, leadingPositionId: 'kadis-x' }).then(t, notFound('position', 'kadis-x')));
  t.end();
});

t.test('phases change and programs close, until closed', (t) => {
  const phase = { type: 'ChangeProgramPhase', programId: 'kjp-plus', phase: 'EVALUATION', effectiveAt: '2024-11-01' } as const;
  const closed = fact('ProgramClosed', { programId: 'kjp-plus', outcome: 'selesai' }, '2024-12-31', { id: CLOSED });
  t.test('changed', (t) => given([...organisation, kjp]).when(phase).then(t, [{
    streamId: 'program-kjp-plus', type: 'ProgramPhaseChanged', data: { programId: 'kjp-plus', phase: 'EVALUATION' },
  }]));
  t.test('same phase', (t) => given([...organisation, kjp]).when({ ...phase, phase: 'IMPLEMENTATION' }).then(t, violates('no-change')));
  t.test('closed', (t) => given([...organisation, kjp]).when({ type: 'CloseProgram', programId: 'kjp-plus', outcome: 'target tercapai', effectiveAt: '2024-12-31' })
    .then(t, [{ streamId: 'program-kjp-plus', type: 'ProgramClosed', data: { programId: 'kjp-plus', outcome: 'target tercapai' } }]));
  t.test('after closing', (t) => given([...organisation, kjp, closed]).when(phase).then(t, violates('program-closed', CLOSED)));
  t.test('unknown', (t) => given(organisation).when(phase).then(t, notFound('program', 'kjp-plus')));
  t.end();
});

t.test('a complaint belongs to a unit; its TMT is its WIB receipt date unless given', (t) => {
  const receive = {
    type: 'ReceiveComplaint', complaintId: 'jaki-1', unitId: 'dinas-pendidikan', channel: 'JAKI', category: 'fasilitas',
    receivedAt: '2024-02-01T20:30:00Z', summary: 'Atap kelas bocor',
  } as const;
  const { type: _t, ...complaintData } = receive;
  t.test('received', (t) => given(organisation).when(receive).then(t, [{
    streamId: 'complaint-jaki-1', effectiveAt: '2024-02-02', type: 'ComplaintReceived', data: complaintData,
  }]));
  t.test('given TMT', (t) => given(organisation).when({ ...receive, effectiveAt: '2024-02-01' }).then(t, [{
    streamId: 'complaint-jaki-1', effectiveAt: '2024-02-01', type: 'ComplaintReceived', data: complaintData,
  }]));
  t.test('unknown unit', (t) => given([]).when(receive).then(t, notFound('unit', 'dinas-pendidikan')));
  t.test('twice', (t) => given([...organisation, fact('ComplaintReceived', complaintData, '2024-02-02')]).when(receive)
    .then(t, violates('already-exists', 'jaki-1')));
  t.end();
});

t.test('a complaint is resolved once, not before it was received', (t) => {
  const received = fact('ComplaintReceived', {
    complaintId: 'jaki-1', unitId: 'dinas-pendidikan', channel: 'JAKI', category: 'fasilitas',
    receivedAt: '2024-02-01T08:00:00+07:00', summary: 'Atap kelas bocor',
  }, '2024-02-01');
  const resolve = { type: 'ResolveComplaint', complaintId: 'jaki-1', resolvedAt: '2024-02-03T10:00:00+07:00', outcome: 'RESOLVED' } as const;
  t.test('resolved', (t) => given([...organisation, received]).when(resolve).then(t, [{
    streamId: 'complaint-jaki-1', effectiveAt: '2024-02-03', type: 'ComplaintResolved',
    data: { complaintId: 'jaki-1', resolvedAt: '2024-02-03T10:00:00+07:00', outcome: 'RESOLVED' },
  }]));
  t.test('before receipt', (t) => given([...organisation, received]).when({ ...resolve, resolvedAt: '2024-01-31T10:00:00+07:00' })
    .then(t, invalid('resolvedAt')));
  t.test('twice', (t) => given([...organisation, received, fact('ComplaintResolved', {
    complaintId: 'jaki-1', resolvedAt: '2024-02-02T10:00:00+07:00', outcome: 'RESOLVED',
  }, '2024-02-02', { id: RESOLVED })]).when(resolve).then(t, violates('complaint-resolved', RESOLVED)));
  t.test('unknown', (t) => given(organisation).when(resolve).then(t, notFound('complaint', 'jaki-1')));
  t.end();
});
