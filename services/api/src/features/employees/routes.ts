// Commands on civil servants (PNS): registration, rank, assignment, transfer, leave, separation, and
// competence development (trainings, assessments, mentoring).
import { commandRoutes } from '../../http/command-route.js';
import type { CommandRoute } from '../../http/command-route.js';

export const EMPLOYEE_COMMAND_ROUTES: readonly CommandRoute[] = [
  { command: 'RegisterEmployee', url: '/employees', summary: 'Register a civil servant by NIP' },
  { command: 'PromoteRank', url: '/employees/:nip/rank-promotions', summary: 'Promote in rank (kenaikan pangkat; needs an SK)' },
  { command: 'AssignPosition', url: '/employees/:nip/assignments', summary: 'Appoint to a definitive position (needs an SK)' },
  {
    command: 'TransferEmployee', url: '/employees/:nip/transfers',
    summary: 'Transfer from the current position to another (mutasi; needs an SK)',
  },
  { command: 'StartLeave', url: '/employees/:nip/leaves', summary: 'Start a leave (cuti)' },
  { command: 'EndLeave', url: '/employees/:nip/leaves/end', summary: 'End the current leave' },
  {
    command: 'SeparateEmployee', url: '/employees/:nip/separation',
    summary: 'Record a separation: retirement, resignation, death, dismissal, transfer out (needs an SK)',
  },
  { command: 'RecordTraining', url: '/employees/:nip/trainings', summary: 'Record a completed training (JP hours)' },
  { command: 'AssessCompetency', url: '/employees/:nip/competency-assessments', summary: 'Record a competency assessment' },
  { command: 'AssignMentor', url: '/employees/:nip/mentors', summary: 'Assign a mentor to this employee (the mentee)' },
  { command: 'EndMentorship', url: '/employees/:nip/mentors/:mentorNip/end', summary: 'End a mentorship' },
];

export default commandRoutes('employees', EMPLOYEE_COMMAND_ROUTES);
