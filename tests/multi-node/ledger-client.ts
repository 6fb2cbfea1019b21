// Commands and reads against listening API nodes over HTTP, and the synthetic civil servants (never real
// people) the multi-node tests record: per person a Pelaksana position, the registration, the appointment to
// that position with its SK, and one training, each a command of its own.
import { z } from 'zod';
import { makeNip } from '@estafet/events';
import { EmployeeTimelineSchema, OrgChartSchema } from '@estafet/projections';
import type { EmployeeTimeline, OrgChart } from '@estafet/projections';
import { bearer } from '../api/helper.js';
import type { ApiRole } from '@estafet/api';

export interface Node {
  readonly name: string;
  readonly url: string;
}

export const UNIT_ID = 'dinas-uji-klaster';
/** A past date on which every appointment below is in force. */
export const AS_OF = '2024-06-03';
const SK = { skNumber: '800/9001/2022', skDate: '2022-12-20', signedBy: 'Gubernur Provinsi DKI Jakarta' };

export const unitCommand = {
  path: '/units',
  body: { unitId: UNIT_ID, name: 'Dinas Uji Klaster', kind: 'DINAS', parentUnitId: null, effectiveAt: '2020-01-01', legalBasis: null },
};

export interface Staff {
  readonly nip: string;
  readonly positionId: string;
  readonly courseCode: string;
}

export const staff = (index: number): Staff => ({
  nip: makeNip({ birthDate: '1986-09-26', tmtCpns: '2015-05', gender: 'M', serial: index + 1 }),
  positionId: `pelaksana-uji-${index + 1}`,
  courseCode: `LATSAR-${index + 1}`,
});

export interface Command {
  readonly path: string;
  readonly body: unknown;
}

/** The four commands that record one person, in an order the rules accept. */
export const commandsFor = (person: Staff): Command[] => [
  {
    path: '/positions',
    body: {
      positionId: person.positionId, unitId: UNIT_ID, title: `Pelaksana Uji ${person.positionId}`, kind: 'PELAKSANA',
      isLeadership: false, minimumGolongan: null, requiredCompetencies: [], effectiveAt: '2020-01-01',
    },
  },
  {
    path: '/employees',
    body: { nip: person.nip, name: `Pegawai Uji ${person.nip.slice(-3)}`, birthDate: '1986-09-26', gender: 'M', tmtCpns: '2015-05-01', education: 'S1', effectiveAt: '2015-05-01' },
  },
  { path: `/employees/${person.nip}/assignments`, body: { positionId: person.positionId, effectiveAt: '2023-01-02', legalBasis: SK } },
  {
    path: `/employees/${person.nip}/trainings`,
    body: { courseCode: person.courseCode, courseTitle: 'Latihan Dasar CPNS', jpHours: 40, competenciesGranted: [], effectiveAt: '2023-05-01' },
  },
];

const CommandAnswerSchema = z.object({ events: z.array(z.object({ globalPosition: z.number().int() })).min(1) });

/** Posts a command as HR; returns the highest global position it stored, or throws naming the refusal. */
export async function command(node: Node, { path, body }: Command): Promise<number> {
  const response = await fetch(`${node.url}${path}`, {
    method: 'POST', headers: { ...bearer('hr'), 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`${node.name} POST ${path} answered ${response.status}: ${text}`);
  const answer = CommandAnswerSchema.parse(JSON.parse(text));
  return Math.max(...answer.events.map((event) => event.globalPosition));
}

export interface Answer<T> {
  readonly status: number;
  /** The parsed body on 200, else null. */
  readonly body: T | null;
  readonly text: string;
}

async function read<T>(node: Node, path: string, schema: z.ZodType<T>, role: ApiRole): Promise<Answer<T>> {
  const response = await fetch(`${node.url}${path}`, { headers: bearer(role) });
  const text = await response.text();
  return { status: response.status, body: response.status === 200 ? schema.parse(JSON.parse(text)) : null, text };
}

export const orgChart = (node: Node, minPosition: number): Promise<Answer<OrgChart>> =>
  read(node, `/org-chart?asOf=${AS_OF}&unit=${UNIT_ID}&minPosition=${minPosition}`, OrgChartSchema, 'analyst');

export const timeline = (node: Node, nip: string, minPosition: number): Promise<Answer<EmployeeTimeline>> =>
  read(node, `/employees/${nip}/timeline?minPosition=${minPosition}`, EmployeeTimelineSchema, 'analyst');

/** Every NIP seated in the unit's positions, once per seat it holds. */
export const seatedNips = (chart: OrgChart): string[] =>
  chart.units.flatMap((unit) => unit.positions.flatMap((position) => (position.holder === null ? [] : [position.holder.nip])));
