// Commands on positions (jabatan): establish, reclassify, abolish, acting officials (Plt/Plh), successors.
import { positionStream } from '@estafet/ledger';
import { commandRoutes } from '../../http/command-route.js';
import type { CommandRoute } from '../../http/command-route.js';

// Acting appointments are stored in the official's own stream and linked into the position's; the command
// is about the position, so its ETag and If-Match are the position stream's version.
const positionStreamOf = (params: Readonly<Record<string, unknown>>): string => positionStream(String(params['positionId']));

export const POSITION_COMMAND_ROUTES: readonly CommandRoute[] = [
  { command: 'EstablishPosition', url: '/positions', summary: 'Establish a position in a unit' },
  {
    command: 'ReclassifyPosition', url: '/positions/:positionId/reclassifications',
    summary: 'Change a position\'s title, kind, eselon, leadership, minimum golongan or competencies',
  },
  { command: 'AbolishPosition', url: '/positions/:positionId/abolition', summary: 'Abolish a position (needs an SK)' },
  {
    command: 'AppointActing', url: '/positions/:positionId/acting-appointments', etagStream: positionStreamOf,
    summary: 'Appoint an acting official (Plt for a vacant position, Plh while the holder is away)',
  },
  {
    command: 'ExtendActing', url: '/positions/:positionId/acting-appointments/:nip/extension', etagStream: positionStreamOf,
    summary: 'Extend an acting appointment to a new planned end',
  },
  {
    command: 'EndActing', url: '/positions/:positionId/acting-appointments/:nip/end', etagStream: positionStreamOf,
    summary: 'End an acting appointment',
  },
  {
    command: 'NominateSuccessor', url: '/positions/:positionId/successors',
    summary: 'Name a successor for a position, with readiness and talent box',
  },
];

export default commandRoutes('positions', POSITION_COMMAND_ROUTES);
