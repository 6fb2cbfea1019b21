import t from 'tap';
import {
  ESELON, EselonSchema, JABATAN_KINDS, JabatanKindSchema, UNIT_KINDS, UnitKindSchema,
  defaultEselon, isManagerial, jabatanLabel, unitKindLabel,
} from './jabatan.js';

t.test('managerial kinds are the JPTs, Administrator and Pengawas', (t) => {
  t.same(JABATAN_KINDS.filter(isManagerial), ['JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS']);
  t.same(JABATAN_KINDS.filter((k) => !isManagerial(k)), ['FUNGSIONAL', 'PELAKSANA']);
  t.end();
});

t.test('labels read as in UU 20/2023', (t) => {
  t.same(JABATAN_KINDS.map(jabatanLabel),
    ['JPT Utama', 'JPT Madya', 'JPT Pratama', 'Administrator', 'Pengawas', 'Fungsional', 'Pelaksana']);
  t.ok(JabatanKindSchema.safeParse('FUNGSIONAL').success);
  t.notOk(JabatanKindSchema.safeParse('ESELON_II').success);
  t.end();
});

t.test('default eselon per kind', (t) => {
  t.same(JABATAN_KINDS.map(defaultEselon), ['I.a', 'I.b', 'II.a', 'III.a', 'IV.a', 'NON_ESELON', 'NON_ESELON']);
  for (const k of JABATAN_KINDS) t.equal(defaultEselon(k) !== 'NON_ESELON', isManagerial(k), k);
  t.equal(ESELON.length, 9);
  t.ok(EselonSchema.safeParse('III.b').success);
  t.notOk(EselonSchema.safeParse('III/b').success);
  t.end();
});

t.test('every unit kind has a distinct label', (t) => {
  t.equal(UNIT_KINDS.length, 17);
  t.equal(new Set(UNIT_KINDS.map(unitKindLabel)).size, UNIT_KINDS.length);
  t.equal(unitKindLabel('SUKU_DINAS'), 'Suku Dinas');
  t.equal(unitKindLabel('SATPOL_PP'), 'Satuan Polisi Pamong Praja');
  t.ok(UnitKindSchema.safeParse('KELURAHAN').success);
  t.notOk(UnitKindSchema.safeParse('kelurahan').success);
  t.end();
});
