// The command catalogue: one schema per command, issues that name fields, and the command → event map.
import t from 'tap';
import {
  COMMAND_EVENT_TYPES, COMMAND_SCHEMAS, COMMAND_TYPES, CommandSchema, isCommandType,
} from './commands.js';
import { EVENT_TYPES } from './catalogue.js';

const nip = '198609262015051001';
const sk = { skNumber: '821/123/2024', skDate: '2024-01-02', signedBy: 'Gubernur DKI Jakarta' };

t.test('every command type maps to exactly one catalogued event type', (t) => {
  t.equal(COMMAND_TYPES.length, COMMAND_SCHEMAS.length);
  t.equal(COMMAND_TYPES.length, 29);
  for (const type of COMMAND_TYPES) t.ok(EVENT_TYPES.includes(COMMAND_EVENT_TYPES[type]), type);
  t.ok(isCommandType('TransferEmployee'));
  t.notOk(isCommandType('UnitEstablished'));
  t.end();
});

t.test('a command parses with its type, fields and common fields', (t) => {
  const parsed = CommandSchema.parse({
    type: 'TransferEmployee', nip, toPositionId: 'kadis-pendidikan', reason: 'ROTATION',
    effectiveAt: '2024-02-01', legalBasis: sk, actor: { id: 'smuggled', role: 'system' },
  });
  t.same(parsed, {
    type: 'TransferEmployee', nip, toPositionId: 'kadis-pendidikan', reason: 'ROTATION',
    effectiveAt: '2024-02-01', legalBasis: sk,
  }, 'unknown fields such as actor are dropped: the actor comes from the caller');
  t.ok(CommandSchema.safeParse({ type: 'EndLeave', nip, effectiveAt: '2024-02-01' }).success, 'legalBasis may be absent');
  t.ok(CommandSchema.safeParse({ type: 'EndLeave', nip, effectiveAt: '2024-02-01', legalBasis: null }).success);
  t.end();
});

t.test('issues name the offending field', (t) => {
  const paths = (input: unknown) => CommandSchema.safeParse(input).error?.issues.map((i) => i.path.join('.')) ?? [];
  t.same(paths({ type: 'Fly' }), ['type']);
  t.same(paths({ type: 'AssignPosition', nip: '123', positionId: 'p-1', effectiveAt: '2024-02-30' }), ['effectiveAt', 'nip']);
  t.same(paths({ type: 'AssignPosition', nip, positionId: 'P 1', effectiveAt: '2024-02-01', legalBasis: { skNumber: '' } }),
    ['legalBasis.skNumber', 'legalBasis.skDate', 'legalBasis.signedBy', 'positionId']);
  t.same(paths({
    type: 'RegisterProgram', programId: 'kjp-plus', name: 'KJP Plus', unitId: 'dinas-pendidikan',
    leadingPositionId: 'kadis-pendidikan', criticality: 'HIGH', phase: 'PLANNING', periodStart: '2024-01-01',
    periodEnd: '2023-12-31', effectiveAt: '2024-01-01',
  }), ['periodEnd']);
  t.same(paths({ type: 'ReclassifyPosition', positionId: 'p-1', effectiveAt: '2024-01-01' }), [''],
    'a reclassification that changes nothing is refused');
  t.end();
});

t.test('restructuring keeps the event shape, told apart by change', (t) => {
  const base = { type: 'RestructureUnit', unitId: 'sudin-a', effectiveAt: '2024-01-01', legalBasis: sk };
  t.ok(CommandSchema.safeParse({ ...base, change: 'MOVED', newParentUnitId: null }).success);
  t.ok(CommandSchema.safeParse({ ...base, change: 'MERGED', intoUnitId: 'sudin-b' }).success);
  t.notOk(CommandSchema.safeParse({ ...base, change: 'SPLIT', intoUnitIds: ['only-one'] }).success);
  t.same(CommandSchema.safeParse({ ...base, change: 'VANISHED' }).error?.issues.map((i) => i.path), [['change']]);
  t.end();
});

t.test('complaints and corrections may leave effectiveAt out', (t) => {
  t.ok(CommandSchema.safeParse({
    type: 'ReceiveComplaint', unitId: 'kel-menteng', channel: 'JAKI', category: 'drainage',
    receivedAt: '2024-02-01T08:00:00+07:00', summary: 'Saluran tersumbat',
  }).success);
  t.ok(CommandSchema.safeParse({
    type: 'RetractEvent', eventId: '0b7e4a53-65a4-4ab4-9a3c-3f3c9f3f5b11', reason: 'recorded twice by mistake',
  }).success);
  t.notOk(CommandSchema.safeParse({ type: 'AssignPosition', nip, positionId: 'p-1' }).success, 'others need it');
  t.end();
});
