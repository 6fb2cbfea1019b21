// Commands on programs (KJP Plus, JakLingko, ...), each led from a leadership position.
import { commandRoutes } from '../../http/command-route.js';
import type { CommandRoute } from '../../http/command-route.js';

export const PROGRAM_COMMAND_ROUTES: readonly CommandRoute[] = [
  { command: 'RegisterProgram', url: '/programs', summary: 'Register a program and the position that leads it' },
  { command: 'ChangeProgramPhase', url: '/programs/:programId/phase', summary: 'Move a program to another phase' },
  { command: 'CloseProgram', url: '/programs/:programId/closure', summary: 'Close a program with its outcome' },
];

export default commandRoutes('programs', PROGRAM_COMMAND_ROUTES);
