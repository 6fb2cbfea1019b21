// toRecorded is the check between the store and the deciders: the catalogue parses every stored event (so a
// decider may switch on `type`), and the envelope facts deciders reason about come along unchanged.
import t from 'tap';
import type { StoredEvent } from '@estafet/events';
import { nip } from './decider-fixtures.js';
import { testEventId } from './decider-spec.js';
import { toRecorded } from './recorded-event.js';

const stored = (type: string, data: unknown): StoredEvent => ({
  eventId: testEventId(1), type, schemaVersion: 1, data, effectiveAt: '2024-03-01', legalBasis: null,
  actor: { id: 'test', role: 'hr' }, correlationId: 'test', causationId: null, alsoIn: ['position-kabid'],
  streamId: `employee-${nip.citra}`, streamVersion: 3, globalPosition: 42, recordedAt: '2024-03-01T00:00:00.000Z',
  idempotencyKey: null, prevHash: '0'.repeat(64), hash: '1'.repeat(64),
});

const training = { nip: nip.citra, courseCode: 'DIGI-01', courseTitle: 'Literasi Data', jpHours: 24, competenciesGranted: [] };

t.test('a stored event becomes the parsed catalogue event with its envelope facts', (t) => {
  t.strictSame(toRecorded(stored('TrainingCompleted', { ...training, courseTitle: '  Literasi Data  ' })), {
    type: 'TrainingCompleted', data: training, eventId: testEventId(1), effectiveAt: '2024-03-01', seq: 42,
    streamId: `employee-${nip.citra}`, alsoIn: ['position-kabid'],
  }, 'the data is what the catalogue makes of it (trimmed), not the stored object as is');
  t.end();
});

t.test('an event the catalogue does not accept is unreadable, whatever its type claims', (t) => {
  t.throws(() => toRecorded(stored('TrainingCompleted', { ...training, jpHours: 0 })), { code: 'UNREADABLE_EVENT' });
  t.throws(() => toRecorded(stored('TrainingCompleted', { ...training, nip: '123' })), { code: 'UNREADABLE_EVENT' });
  t.throws(() => toRecorded(stored('NoSuchEvent', training)), { code: 'UNREADABLE_EVENT' });
  t.end();
});
