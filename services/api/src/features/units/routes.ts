// Commands on organisational units: establish, rename, restructure (move, merge, split), dissolve.
import { commandRoutes } from '../../http/command-route.js';
import type { CommandRoute } from '../../http/command-route.js';

export const UNIT_COMMAND_ROUTES: readonly CommandRoute[] = [
  { command: 'EstablishUnit', url: '/units', summary: 'Establish a unit (Dinas, Badan, Kecamatan, ...)' },
  { command: 'RenameUnit', url: '/units/:unitId/renames', summary: 'Rename a unit' },
  {
    command: 'RestructureUnit', url: '/units/:unitId/restructurings', summary: 'Move, merge or split a unit',
    description: '`change` says which: MOVED (newParentUnitId), MERGED (intoUnitId) or SPLIT (intoUnitIds). Needs an SK.',
  },
  { command: 'DissolveUnit', url: '/units/:unitId/dissolution', summary: 'Dissolve a unit (needs an SK)' },
];

export default commandRoutes('units', UNIT_COMMAND_ROUTES);
