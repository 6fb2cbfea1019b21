// The language of Estafet: event and command schemas, the envelope, upcasters and value types.
export { defineEvent } from './define-event.js';
export type { EventDefinition, LegalBasisRule } from './define-event.js';
export {
  LegalBasisSchema, ROLES, RoleSchema, ActorSchema, CONTINUITY_ACTOR, EventIdSchema, StreamIdSchema,
  NewEventSchema, StoredEventSchema, GENESIS_HASH,
} from './envelope.js';
export type { LegalBasis, Role, Actor, NewEvent, StoredEvent } from './envelope.js';
export {
  EVENT_DEFINITIONS, DomainEventSchema, EVENT_TYPES, isEventType, eventDefinition,
} from './catalogue.js';
export type { DomainEvent, EventType, EventOfType, EventData } from './catalogue.js';
export {
  UnitEstablished, UnitRenamed, UnitRestructured, UnitDissolved, PositionEstablished, PositionReclassified,
  PositionAbolished, CompetencySchema,
} from './catalogue/organisation.js';
export {
  GenderSchema, TRANSFER_REASONS, SEPARATION_REASONS, ACTING_KINDS, ActingKindSchema, LEAVE_KINDS,
  ACTING_END_REASONS, EmployeeRegistered, RankPromoted, PositionAssigned, EmployeeTransferred, ActingAppointed,
  ActingExtended, ActingEnded, LeaveStarted, LeaveEnded, EmployeeSeparated,
} from './catalogue/people.js';
export {
  READINESS, TrainingCompleted, CompetencyAssessed, MentorAssigned, MentorshipEnded, SuccessorNominated,
} from './catalogue/development.js';
export {
  CRITICALITY, CriticalitySchema, PROGRAM_PHASES, ProgramPhaseSchema, ProgramRegistered, ProgramPhaseChanged,
  ProgramClosed,
} from './catalogue/programs.js';
export {
  RISK_CAUSES, HandoverTaskSchema, ProgramFlaggedAtRisk, ProgramRiskCleared, HandoverChecklistOpened,
  HandoverTaskCompleted, HandoverChecklistClosed, HandoverEscalated,
} from './catalogue/continuity.js';
export { COMPLAINT_CHANNELS, COMPLAINT_OUTCOMES, ComplaintReceived, ComplaintResolved } from './catalogue/public.js';
export { EventCorrected, EventRetracted } from './catalogue/corrections.js';
export { createUpcasterRegistry, defaultUpcasters, catalogueUpcasters, UpcasterConflictError } from './upcasters.js';
export type { Upcaster, UpcasterRegistry } from './upcasters.js';
export {
  NIP_PATTERN, NipSchema, parseNip, formatNip, checkNipConsistency, makeNip,
} from './value/nip.js';
export type { Nip, ParsedNip } from './value/nip.js';
export {
  GOLONGAN, GolonganSchema, golonganIndex, compareGolongan, pangkatName, nextGolongan, stepsBetween,
  EDUCATION_LEVELS, EducationSchema, entryGolongan, RANK_PROMOTION_KINDS, RankPromotionKindSchema, allowsSkip,
} from './value/golongan.js';
export type { Golongan, Education, RankPromotionKind } from './value/golongan.js';
export {
  JABATAN_KINDS, JabatanKindSchema, isManagerial, jabatanLabel, ESELON, EselonSchema, defaultEselon, UNIT_KINDS,
  UnitKindSchema, unitKindLabel,
} from './value/jabatan.js';
export type { JabatanKind, UnitKind, Eselon } from './value/jabatan.js';
export {
  IdSchema, UnitIdSchema, PositionIdSchema, ProgramIdSchema, IsoDateSchema, IsoInstantSchema,
} from './value/ids.js';
// -- commands --
export {
  COMMAND_SCHEMAS, CommandSchema, COMMAND_EVENT_TYPES, COMMAND_TYPES, isCommandType,
} from './commands.js';
export type { Command, CommandType, CommandOfType } from './commands.js';
export { CommandBaseSchema } from './commands/common.js';
export {
  EstablishUnitCommand, RenameUnitCommand, RestructureUnitCommand, DissolveUnitCommand, EstablishPositionCommand,
  ReclassifyPositionCommand, AbolishPositionCommand,
} from './commands/organisation.js';
export {
  RegisterEmployeeCommand, PromoteRankCommand, AssignPositionCommand, TransferEmployeeCommand, AppointActingCommand,
  ExtendActingCommand, EndActingCommand, StartLeaveCommand, EndLeaveCommand, SeparateEmployeeCommand,
} from './commands/people.js';
export {
  RecordTrainingCommand, AssessCompetencyCommand, AssignMentorCommand, EndMentorshipCommand, NominateSuccessorCommand,
} from './commands/development.js';
export { RegisterProgramCommand, ChangeProgramPhaseCommand, CloseProgramCommand } from './commands/programs.js';
export { ReceiveComplaintCommand, ResolveComplaintCommand } from './commands/public.js';
export { CorrectEventCommand, RetractEventCommand } from './commands/corrections.js';
