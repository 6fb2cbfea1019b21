// Handover checklist templates, as data: which tasks a leadership handover needs, who answers for each and
// when it is due, counted in days from the move's effective date (TMT). The first template that applies wins.
import type { CRITICALITY, JabatanKind } from '@estafet/events';

export type Criticality = (typeof CRITICALITY)[number];

export interface TemplateTask {
  readonly taskId: string;
  readonly title: string;
  readonly responsibleRole: string;
  /** Days from the TMT; negative means before it (an SK signed ahead leaves time to prepare). */
  readonly dueOffsetDays: number;
  readonly required: boolean;
}

export interface HandoverTemplate {
  readonly templateId: string;
  readonly appliesTo: {
    /** Position kinds the template is for; empty means any kind. */
    readonly positionKinds: readonly JabatanKind[];
    /** The most critical active program led from the position must be at least this; null: any, or none. */
    readonly minCriticality: Criticality | null;
  };
  /** The checklist's own due date, in days from the TMT. */
  readonly dueByOffsetDays: number;
  readonly tasks: readonly TemplateTask[];
}

const task = (taskId: string, title: string, responsibleRole: string, dueOffsetDays: number, required = true): TemplateTask =>
  ({ taskId, title, responsibleRole, dueOffsetDays, required });

const MEMORANDUM = 'Memori serah terima jabatan (handover memorandum) signed';
const PROGRAM_STATUS = 'Program status and milestone report';
const BUDGET_STATUS = 'Budget status: realisation, commitments and pending payments';
const COMPLAINTS = 'Open public complaints (JAKI/CRM) listed with their follow-up';
const CONTACTS = 'Key contacts: partners, vendors, DPRD and central-agency counterparts';
const SYSTEM_ACCESS = 'Transfer of system access (SIPD, e-budgeting, signing certificates)';
const BRIEFING = 'Briefing of the successor or Plt';

const JPT: readonly JabatanKind[] = ['JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA'];

export const HANDOVER_TEMPLATES: readonly HandoverTemplate[] = [
  {
    // A head of Dinas/Badan running a high-stakes program: everything, all of it before the TMT.
    templateId: 'jpt-critical-program',
    appliesTo: { positionKinds: JPT, minCriticality: 'HIGH' },
    dueByOffsetDays: 0,
    tasks: [
      task('memorandum', MEMORANDUM, 'outgoing-holder', 0),
      task('program-status', PROGRAM_STATUS, 'outgoing-holder', -3),
      task('budget-status', BUDGET_STATUS, 'sekretaris-unit', -3),
      task('open-complaints', COMPLAINTS, 'complaints-officer', -2),
      task('key-contacts', CONTACTS, 'outgoing-holder', -2),
      task('system-access', SYSTEM_ACCESS, 'it-administrator', 0),
      task('successor-briefing', BRIEFING, 'outgoing-holder', 0),
    ],
  },
  {
    templateId: 'jpt-standard',
    appliesTo: { positionKinds: JPT, minCriticality: null },
    dueByOffsetDays: 0,
    tasks: [
      task('memorandum', MEMORANDUM, 'outgoing-holder', 0),
      task('program-status', PROGRAM_STATUS, 'outgoing-holder', 0),
      task('budget-status', BUDGET_STATUS, 'sekretaris-unit', 0),
      task('open-complaints', COMPLAINTS, 'complaints-officer', 0),
      task('key-contacts', CONTACTS, 'outgoing-holder', 0, false),
      task('system-access', SYSTEM_ACCESS, 'it-administrator', 0),
      task('successor-briefing', BRIEFING, 'outgoing-holder', 5, false),
    ],
  },
  {
    // Heads of Bidang, Camat, Kepala Seksi, Lurah: a lighter handover, a week's grace after the TMT.
    templateId: 'administrator-pengawas',
    appliesTo: { positionKinds: ['ADMINISTRATOR', 'PENGAWAS'], minCriticality: null },
    dueByOffsetDays: 7,
    tasks: [
      task('memorandum', MEMORANDUM, 'outgoing-holder', 0),
      task('program-status', PROGRAM_STATUS, 'outgoing-holder', 7),
      task('budget-status', BUDGET_STATUS, 'sekretaris-unit', 7, false),
      task('open-complaints', COMPLAINTS, 'complaints-officer', 7),
      task('key-contacts', CONTACTS, 'outgoing-holder', 7, false),
      task('system-access', SYSTEM_ACCESS, 'it-administrator', 7),
      task('successor-briefing', BRIEFING, 'outgoing-holder', 7, false),
    ],
  },
  {
    templateId: 'default',
    appliesTo: { positionKinds: [], minCriticality: null },
    dueByOffsetDays: 14,
    tasks: [
      task('memorandum', MEMORANDUM, 'outgoing-holder', 7),
      task('program-status', PROGRAM_STATUS, 'outgoing-holder', 14),
      task('system-access', SYSTEM_ACCESS, 'it-administrator', 14),
      task('successor-briefing', BRIEFING, 'outgoing-holder', 14, false),
    ],
  },
];

const CRITICALITY_RANK: Record<Criticality, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 };

export const atLeast = (value: Criticality, floor: Criticality): boolean => CRITICALITY_RANK[value] >= CRITICALITY_RANK[floor];

export const mostCritical = (values: readonly Criticality[]): Criticality | null =>
  values.reduce<Criticality | null>((top, value) => (top === null || atLeast(value, top) ? value : top), null);

/** The first template for this position kind and program criticality; templates end with a catch-all. */
export const chooseTemplate = (
  templates: readonly HandoverTemplate[], positionKind: JabatanKind, criticality: Criticality | null,
): HandoverTemplate | null => templates.find(({ appliesTo }) =>
  (appliesTo.positionKinds.length === 0 || appliesTo.positionKinds.includes(positionKind))
  && (appliesTo.minCriticality === null || (criticality !== null && atLeast(criticality, appliesTo.minCriticality))),
) ?? null;
