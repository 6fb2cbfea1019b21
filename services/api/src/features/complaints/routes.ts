// Public complaints: intake by the public (or HR on their behalf) and resolution by HR.
import { commandRoutes } from '../../http/command-route.js';
import type { CommandRoute } from '../../http/command-route.js';

export const COMPLAINT_COMMAND_ROUTES: readonly CommandRoute[] = [
  {
    command: 'ReceiveComplaint', url: '/complaints', roles: ['public', 'hr'],
    summary: 'Report a service problem of a unit',
    description: 'complaintId is generated when absent; the effective date defaults to the day of receivedAt.',
  },
  { command: 'ResolveComplaint', url: '/complaints/:complaintId/resolution', summary: 'Record how a complaint ended' },
];

export default commandRoutes('complaints', COMPLAINT_COMMAND_ROUTES);
