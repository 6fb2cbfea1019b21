// Synthetic ledger data for the API tests (never real people): a Dinas with two positions and two civil
// servants, and the command bodies that record them, with a decree (SK) where one is required.
import type { FastifyInstance } from 'fastify';
import { send } from './helper.js';

export const NIP_BUDI = '198609262015051001';
export const NIP_SITI = '199002142016032001';
export const UNIT = 'dinas-pendidikan';
export const KADIS = 'kadis-pendidikan';
export const SEKDIS = 'sekdis-pendidikan';

export const SK = { skNumber: '800/1234/2024', skDate: '2024-05-20', signedBy: 'Gubernur Provinsi DKI Jakarta' };

export const unitBody = {
  unitId: UNIT, name: 'Dinas Pendidikan', kind: 'DINAS', parentUnitId: null, effectiveAt: '2020-01-01', legalBasis: null,
};

export const positionBody = (positionId: string, title: string, kind: string, isLeadership: boolean) => ({
  positionId, unitId: UNIT, title, kind, isLeadership, minimumGolongan: null, requiredCompetencies: [],
  effectiveAt: '2020-01-01',
});

export const employeeBody = (nip: string) => nip === NIP_BUDI
  ? { nip, name: 'Budi Santoso', birthDate: '1986-09-26', gender: 'M', tmtCpns: '2015-05-01', education: 'S1', effectiveAt: '2015-05-01' }
  : { nip, name: 'Siti Rahayu', birthDate: '1990-02-14', gender: 'F', tmtCpns: '2016-03-01', education: 'S2', effectiveAt: '2016-03-01' };

export const assignmentBody = { positionId: SEKDIS, effectiveAt: '2023-01-02', legalBasis: SK };
export const transferBody = { toPositionId: KADIS, reason: 'PROMOTION', effectiveAt: '2024-06-01', legalBasis: SK };

/** Records one command and fails loudly when it is refused, so a broken setup does not pass as a refusal. */
async function record(app: FastifyInstance, url: string, body: unknown): Promise<void> {
  const response = await send(app, url, body);
  if (response.statusCode !== 201) throw new Error(`setup ${url} answered ${response.statusCode}: ${response.body}`);
}

/** The Dinas, its two positions and both employees, with Budi as Sekretaris Dinas. */
export async function seedOrganisation(app: FastifyInstance): Promise<void> {
  await record(app, '/units', unitBody);
  await record(app, '/positions', positionBody(KADIS, 'Kepala Dinas Pendidikan', 'JPT_PRATAMA', true));
  await record(app, '/positions', positionBody(SEKDIS, 'Sekretaris Dinas Pendidikan', 'ADMINISTRATOR', true));
  await record(app, '/employees', employeeBody(NIP_BUDI));
  await record(app, '/employees', employeeBody(NIP_SITI));
  await record(app, `/employees/${NIP_BUDI}/assignments`, assignmentBody);
}
