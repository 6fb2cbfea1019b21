// Competence development: trainings (JP hours), assessments, mentoring and succession planning.
import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { NipSchema } from '../value/nip.js';
import { PositionIdSchema } from '../value/ids.js';
import { CompetencySchema } from './organisation.js';

export const READINESS = ['READY_NOW', 'READY_1_2_YEARS', 'READY_3_PLUS_YEARS'] as const;

export const TrainingCompleted = defineEvent('TrainingCompleted', z.object({
  nip: NipSchema,
  courseCode: z.string().trim().min(1).max(60),
  courseTitle: z.string().trim().min(2).max(200),
  jpHours: z.number().int().min(1).max(2000),
  competenciesGranted: z.array(CompetencySchema).max(20),
}), { legalBasis: 'none' });

export const CompetencyAssessed = defineEvent('CompetencyAssessed', z.object({
  nip: NipSchema,
  competency: CompetencySchema,
  level: z.number().int().min(1).max(5),
  method: z.string().trim().min(2).max(120),
}), { legalBasis: 'none' });

export const MentorAssigned = defineEvent('MentorAssigned', z.object({
  mentorNip: NipSchema,
  menteeNip: NipSchema,
  focus: z.string().trim().min(2).max(200),
}), { legalBasis: 'none' });

export const MentorshipEnded = defineEvent('MentorshipEnded', z.object({
  mentorNip: NipSchema,
  menteeNip: NipSchema,
}), { legalBasis: 'none' });

export const SuccessorNominated = defineEvent('SuccessorNominated', z.object({
  positionId: PositionIdSchema,
  nip: NipSchema,
  readiness: z.enum(READINESS),
  talentBox: z.number().int().min(1).max(9).nullable(),
}), { legalBasis: 'optional' });

export const developmentEvents = [
  TrainingCompleted, CompetencyAssessed, MentorAssigned, MentorshipEnded, SuccessorNominated,
] as const;
