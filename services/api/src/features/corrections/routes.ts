// Corrections: a recorded event is never edited; a correction or retraction names it and says why.
import { commandRoutes } from '../../http/command-route.js';
import type { CommandRoute } from '../../http/command-route.js';

export const CORRECTION_COMMAND_ROUTES: readonly CommandRoute[] = [
  {
    command: 'CorrectEvent', url: '/events/:eventId/corrections', summary: 'Correct a recorded event\'s data',
    description: 'replacementData is the full corrected data, checked against the target event\'s type.',
  },
  { command: 'RetractEvent', url: '/events/:eventId/retractions', summary: 'Retract a recorded event' },
];

export default commandRoutes('corrections', CORRECTION_COMMAND_ROUTES);
