// Test fixtures for decider tests: synthetic people (valid NIPs, never real ones), a Dinas with positions,
// and a decree to cite.
import { makeNip } from '@estafet/events';
import type { EventData, Golongan } from '@estafet/events';
import { fact } from './decider-spec.js';
import type { Fact } from './decider-spec.js';

export const sk = { skNumber: '821.2/0001/2024', skDate: '2024-01-02', signedBy: 'Gubernur Provinsi DKI Jakarta' };

export const nip = {
  ani: makeNip({ birthDate: '1975-04-12', tmtCpns: '2000-03', gender: 'F', serial: 1 }),
  budi: makeNip({ birthDate: '1978-09-30', tmtCpns: '2003-01', gender: 'M', serial: 1 }),
  citra: makeNip({ birthDate: '1990-02-01', tmtCpns: '2015-05', gender: 'F', serial: 2 }),
  dedi: makeNip({ birthDate: '1982-12-24', tmtCpns: '2008-02', gender: 'M', serial: 1 }),
} as const;

export const registered = (who: string, golongan: Golongan, at = '2000-03-01'): Fact => {
  const birth = who.slice(0, 8);
  const data: EventData<'EmployeeRegistered'> = {
    nip: who, name: `Pegawai ${who.slice(-4)}`, birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    gender: who[14] === '1' ? 'M' : 'F', tmtCpns: `${who.slice(8, 12)}-${who.slice(12, 14)}-01`, education: 'S1', golongan,
  };
  return fact('EmployeeRegistered', data, at);
};

export const unit = (unitId: string, at = '2000-01-01', parentUnitId: string | null = null): Fact =>
  fact('UnitEstablished', { unitId, name: `Unit ${unitId}`, kind: 'DINAS', parentUnitId }, at);

export const position = (
  positionId: string, options: { unitId?: string; minimumGolongan?: Golongan | null; isLeadership?: boolean; at?: string } = {},
): Fact => fact('PositionEstablished', {
  positionId, unitId: options.unitId ?? 'dinas-pendidikan', title: `Jabatan ${positionId}`, kind: 'ADMINISTRATOR',
  eselon: 'III.a', isLeadership: options.isLeadership ?? false, minimumGolongan: options.minimumGolongan ?? null,
  requiredCompetencies: [],
}, options.at ?? '2000-01-01');

/** Dinas Pendidikan with a head (min IV/c), a Kabid (min III/d) and two staff posts; four employees. */
export const organisation: readonly Fact[] = [
  unit('dinas-pendidikan'),
  position('kadis', { minimumGolongan: 'IV/c', isLeadership: true }),
  position('kabid', { minimumGolongan: 'III/d' }),
  position('staf-1'),
  position('staf-2'),
  registered(nip.ani, 'IV/c'),
  registered(nip.budi, 'IV/a'),
  registered(nip.citra, 'III/a', '2015-05-01'),
  registered(nip.dedi, 'III/d', '2008-02-01'),
];

export const assigned = (who: string, positionId: string, at: string, id?: string): Fact =>
  fact('PositionAssigned', { nip: who, positionId }, at, { id });

export const transferred = (who: string, from: string, to: string, at: string, id?: string): Fact =>
  fact('EmployeeTransferred', { nip: who, fromPositionId: from, toPositionId: to, reason: 'ROTATION' }, at, { id });
