// The command catalogue: every command the ledger accepts in one discriminated union on `type`, and the
// event type each command records (which tells the ledger whether an SK is required).
import { z } from 'zod';
import type { EventType } from './catalogue.js';
import { organisationCommands } from './commands/organisation.js';
import { peopleCommands } from './commands/people.js';
import { developmentCommands } from './commands/development.js';
import { programCommands } from './commands/programs.js';
import { publicCommands } from './commands/public.js';
import { correctionCommands } from './commands/corrections.js';

export const COMMAND_SCHEMAS = [
  ...organisationCommands, ...peopleCommands, ...developmentCommands, ...programCommands, ...publicCommands,
  ...correctionCommands,
] as const;

export const CommandSchema = z.discriminatedUnion('type', COMMAND_SCHEMAS);

export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOfType<T extends CommandType> = Extract<Command, { type: T }>;

/** The event each command records when it is accepted. */
export const COMMAND_EVENT_TYPES = {
  EstablishUnit: 'UnitEstablished',
  RenameUnit: 'UnitRenamed',
  RestructureUnit: 'UnitRestructured',
  DissolveUnit: 'UnitDissolved',
  EstablishPosition: 'PositionEstablished',
  ReclassifyPosition: 'PositionReclassified',
  AbolishPosition: 'PositionAbolished',
  RegisterEmployee: 'EmployeeRegistered',
  PromoteRank: 'RankPromoted',
  AssignPosition: 'PositionAssigned',
  TransferEmployee: 'EmployeeTransferred',
  AppointActing: 'ActingAppointed',
  ExtendActing: 'ActingExtended',
  EndActing: 'ActingEnded',
  StartLeave: 'LeaveStarted',
  EndLeave: 'LeaveEnded',
  SeparateEmployee: 'EmployeeSeparated',
  RecordTraining: 'TrainingCompleted',
  AssessCompetency: 'CompetencyAssessed',
  AssignMentor: 'MentorAssigned',
  EndMentorship: 'MentorshipEnded',
  NominateSuccessor: 'SuccessorNominated',
  RegisterProgram: 'ProgramRegistered',
  ChangeProgramPhase: 'ProgramPhaseChanged',
  CloseProgram: 'ProgramClosed',
  ReceiveComplaint: 'ComplaintReceived',
  ResolveComplaint: 'ComplaintResolved',
  CorrectEvent: 'EventCorrected',
  RetractEvent: 'EventRetracted',
} as const satisfies Record<CommandType, EventType>;

export const COMMAND_TYPES = Object.keys(COMMAND_EVENT_TYPES) as readonly CommandType[];

const commandTypes = new Set<string>(COMMAND_TYPES);

export const isCommandType = (type: string): type is CommandType => commandTypes.has(type);
