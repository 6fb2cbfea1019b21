// Commands on competence development: trainings, assessments, mentoring and succession planning.
import { z } from 'zod';
import { CommandBaseSchema } from './common.js';
import { CompetencySchema } from '../catalogue/organisation.js';
import { READINESS } from '../catalogue/development.js';
import { NipSchema } from '../value/nip.js';
import { PositionIdSchema } from '../value/ids.js';

export const RecordTrainingCommand = CommandBaseSchema.extend({
  type: z.literal('RecordTraining'),
  nip: NipSchema,
  courseCode: z.string().trim().min(1).max(60),
  courseTitle: z.string().trim().min(2).max(200),
  jpHours: z.number().int().min(1).max(2000),
  competenciesGranted: z.array(CompetencySchema).max(20),
});

export const AssessCompetencyCommand = CommandBaseSchema.extend({
  type: z.literal('AssessCompetency'),
  nip: NipSchema,
  competency: CompetencySchema,
  level: z.number().int().min(1).max(5),
  method: z.string().trim().min(2).max(120),
});

/** `nip` is the mentee: the mentorship is recorded in the mentee's stream and linked into the mentor's. */
export const AssignMentorCommand = CommandBaseSchema.extend({
  type: z.literal('AssignMentor'),
  nip: NipSchema,
  mentorNip: NipSchema,
  focus: z.string().trim().min(2).max(200),
});

export const EndMentorshipCommand = CommandBaseSchema.extend({
  type: z.literal('EndMentorship'),
  nip: NipSchema,
  mentorNip: NipSchema,
});

export const NominateSuccessorCommand = CommandBaseSchema.extend({
  type: z.literal('NominateSuccessor'),
  positionId: PositionIdSchema,
  nip: NipSchema,
  readiness: z.enum(READINESS),
  /** The 9-box of talent management (PermenPANRB 3/2020), or null when not assessed. */
  talentBox: z.number().int().min(1).max(9).nullable(),
});

export const developmentCommands = [
  RecordTrainingCommand, AssessCompetencyCommand, AssignMentorCommand, EndMentorshipCommand, NominateSuccessorCommand,
] as const;
