// Queries over the continuity read models: programs (at risk, by unit) with their risk history, and handover
// checklists (open, overdue, closed, by unit) with their tasks. Overdue is decided against the caller's today.
import { z } from 'zod';
import type { Condition, RowQuery } from '../read-model.js';
import {
  continuityHandoverTasks, continuityHandovers, continuityPrograms, continuityRisks,
} from './continuity-tables.js';
import type {
  ContinuityHandoverRow, ContinuityHandoverTaskRow, ContinuityProgramRow, ContinuityRiskRow,
} from './continuity-tables.js';

const StringList = z.array(z.string());
// The columns hold JSON the projection wrote itself; parsing still checks it rather than trusting it.
const stringList = (json: string): string[] => StringList.parse(JSON.parse(json));

export type ProgramSummary = ContinuityProgramRow & { readonly atRisk: boolean };

export type RiskEntry = Omit<ContinuityRiskRow, 'reasons'> & { readonly reasons: string[] };

const toProgram = (row: ContinuityProgramRow): ProgramSummary => ({ ...row, atRisk: row.openFlags > 0 });

export const listPrograms = async (
  query: RowQuery, filter: { readonly atRisk?: boolean; readonly unit?: string; readonly limit?: number },
): Promise<ProgramSummary[]> => {
  const where: Condition<ContinuityProgramRow>[] = [];
  if (filter.unit !== undefined) where.push({ column: 'unitId', op: 'eq', value: filter.unit });
  if (filter.atRisk === true) where.push({ column: 'openFlags', op: 'gt', value: 0 });
  if (filter.atRisk === false) where.push({ column: 'openFlags', op: 'eq', value: 0 });
  const rows = await query.select(continuityPrograms, where, { orderBy: ['programId'], limit: filter.limit ?? 1000 });
  return rows.map(toProgram);
};

export const programWithRiskHistory = async (
  query: RowQuery, programId: string,
): Promise<{ program: ProgramSummary; riskHistory: RiskEntry[] } | null> => {
  const [program] = await query.select(continuityPrograms, [{ column: 'programId', op: 'eq', value: programId }]);
  if (program === undefined) return null;
  const risks = await query.select(continuityRisks, [{ column: 'programId', op: 'eq', value: programId }], { orderBy: ['position'] });
  return { program: toProgram(program), riskHistory: risks.map((r) => ({ ...r, reasons: stringList(r.reasons) })) };
};

export type HandoverStatusFilter = 'open' | 'overdue' | 'closed';

export type HandoverSummary = Omit<ContinuityHandoverRow, 'programIds' | 'status' | 'escalated'> & {
  readonly programIds: string[];
  readonly status: 'open' | 'closed';
  readonly overdue: boolean;
  readonly escalated: boolean;
};

export type HandoverTaskView = Omit<ContinuityHandoverTaskRow, 'id' | 'checklistId' | 'seq' | 'required'> & {
  readonly required: boolean;
  readonly status: 'done' | 'pending' | 'overdue';
};

const isOverdue = (row: ContinuityHandoverRow, today: string): boolean =>
  row.status === 'OPEN' && row.nextRequiredDue !== null && row.nextRequiredDue < today;

const toHandover = (row: ContinuityHandoverRow, today: string): HandoverSummary => ({
  ...row,
  programIds: stringList(row.programIds),
  status: row.status === 'OPEN' ? 'open' : 'closed',
  overdue: isOverdue(row, today),
  escalated: row.escalated === 1,
});

export const listHandovers = async (
  query: RowQuery,
  filter: { readonly status?: HandoverStatusFilter; readonly unit?: string; readonly today: string; readonly limit?: number },
): Promise<HandoverSummary[]> => {
  const where: Condition<ContinuityHandoverRow>[] = [];
  if (filter.unit !== undefined) where.push({ column: 'unitId', op: 'eq', value: filter.unit });
  if (filter.status === 'closed') where.push({ column: 'status', op: 'eq', value: 'CLOSED' });
  if (filter.status === 'open') where.push({ column: 'status', op: 'eq', value: 'OPEN' });
  if (filter.status === 'overdue') {
    where.push({ column: 'status', op: 'eq', value: 'OPEN' }, { column: 'nextRequiredDue', op: 'lt', value: filter.today });
  }
  const rows = await query.select(continuityHandovers, where, { orderBy: ['dueBy', 'checklistId'], limit: filter.limit ?? 1000 });
  return rows.map((row) => toHandover(row, filter.today));
};

export const handoverWithTasks = async (
  query: RowQuery, checklistId: string, today: string,
): Promise<{ handover: HandoverSummary; tasks: HandoverTaskView[] } | null> => {
  const [row] = await query.select(continuityHandovers, [{ column: 'checklistId', op: 'eq', value: checklistId }]);
  if (row === undefined) return null;
  const tasks = await query.select(continuityHandoverTasks, [{ column: 'checklistId', op: 'eq', value: checklistId }], { orderBy: ['seq'] });
  return {
    handover: toHandover(row, today),
    tasks: tasks.map(({ id: _id, checklistId: _checklist, seq: _seq, required, ...task }) => ({
      ...task,
      required: required === 1,
      status: task.completedEventId !== null ? 'done' : row.status === 'OPEN' && task.dueDate < today ? 'overdue' : 'pending',
    })),
  };
};
