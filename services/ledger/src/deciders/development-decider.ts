// Competence development: trainings and assessments (employee stream), mentoring (mentee's stream linked
// into the mentor's) and successor nominations (position stream linked into the nominee's).
import type { CommandOfType } from '@estafet/events';
import { ValidationError } from '../errors.js';
import { conflictWith, planned, refuse } from './decision.js';
import type { Decision } from './decision.js';
import { requireEmployee, requireNotSeparated } from './employee-decider.js';
import type { Employee } from './employee-decider.js';
import { positionTimeline, termAt } from './occupancy-timeline.js';
import { requireOpenPosition } from './position-decider.js';
import { byEffectiveTime } from './recorded-event.js';
import type { RecordedOf } from './recorded-event.js';
import type { StreamStates } from './stream-log.js';
import { employeeStream, positionStream } from './stream-ids.js';

export type DevelopmentCommand = CommandOfType<
  'RecordTraining' | 'AssessCompetency' | 'AssignMentor' | 'EndMentorship' | 'NominateSuccessor'
>;

export function decideDevelopmentCommand(command: DevelopmentCommand, states: StreamStates): Decision {
  switch (command.type) {
    case 'RecordTraining': {
      const { nip, courseCode, courseTitle, jpHours, competenciesGranted, effectiveAt } = command;
      requireNotSeparated(requireEmployee(states, nip), effectiveAt);
      return planned(employeeStream(nip), {
        type: 'TrainingCompleted', data: { nip, courseCode, courseTitle, jpHours, competenciesGranted },
      }, effectiveAt);
    }
    case 'AssessCompetency': {
      const { nip, competency, level, method, effectiveAt } = command;
      requireNotSeparated(requireEmployee(states, nip), effectiveAt);
      return planned(employeeStream(nip), { type: 'CompetencyAssessed', data: { nip, competency, level, method } }, effectiveAt);
    }
    case 'AssignMentor': return assignMentor(command, states);
    case 'EndMentorship': return endMentorship(command, states);
    case 'NominateSuccessor': return nominateSuccessor(command, states);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/** The pair's latest mentorship event in force on `date`, if it started (and has not ended) one. */
function activeMentorship(mentee: Employee, mentorNip: string, date: string): RecordedOf<'MentorAssigned'> | undefined {
  const last = mentee.mentorships
    .filter((m) => m.data.menteeNip === mentee.registered.data.nip && m.data.mentorNip === mentorNip && m.effectiveAt <= date)
    .sort(byEffectiveTime)
    .at(-1);
  return last?.type === 'MentorAssigned' ? last : undefined;
}

function assignMentor(command: CommandOfType<'AssignMentor'>, states: StreamStates): Decision {
  const { nip, mentorNip, focus, effectiveAt } = command;
  if (mentorNip === nip) throw new ValidationError([{ path: 'mentorNip', message: 'nobody mentors themselves' }]);
  const mentee = requireEmployee(states, nip);
  requireNotSeparated(mentee, effectiveAt);
  requireNotSeparated(requireEmployee(states, mentorNip), effectiveAt);
  const active = activeMentorship(mentee, mentorNip, effectiveAt);
  if (active) throw conflictWith('mentorship-active', `${mentorNip} already mentors ${nip}`, active);
  return planned(employeeStream(nip), {
    type: 'MentorAssigned', data: { mentorNip, menteeNip: nip, focus },
  }, effectiveAt, [employeeStream(mentorNip)]);
}

function endMentorship(command: CommandOfType<'EndMentorship'>, states: StreamStates): Decision {
  const { nip, mentorNip, effectiveAt } = command;
  const mentee = requireEmployee(states, nip);
  requireEmployee(states, mentorNip);
  if (!activeMentorship(mentee, mentorNip, effectiveAt)) {
    throw refuse('mentorship-not-active', `${mentorNip} does not mentor ${nip} on ${effectiveAt}`);
  }
  return planned(employeeStream(nip), {
    type: 'MentorshipEnded', data: { mentorNip, menteeNip: nip },
  }, effectiveAt, [employeeStream(mentorNip)]);
}

function nominateSuccessor(command: CommandOfType<'NominateSuccessor'>, states: StreamStates): Decision {
  const { positionId, nip, readiness, talentBox, effectiveAt } = command;
  const position = requireOpenPosition(states, positionId, effectiveAt);
  requireNotSeparated(requireEmployee(states, nip), effectiveAt);
  const holder = termAt(positionTimeline(position.occupancy, positionId).tenures, effectiveAt);
  if (holder?.nip === nip) {
    throw conflictWith('already-holder', `${nip} holds position ${positionId} on ${effectiveAt}; a successor is someone else`, holder.start);
  }
  return planned(positionStream(positionId), {
    type: 'SuccessorNominated', data: { positionId, nip, readiness, talentBox },
  }, effectiveAt, [employeeStream(nip)]);
}
