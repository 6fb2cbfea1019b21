// The employee-timeline read model: per person a header and records (rank, leave, training, separation),
// bitemporal like the org chart's intervals. Positions and acting roles are the org chart's holder intervals.
import { z } from 'zod';
import { defineTable } from '../read-model.js';
import { createFactSync, versionShape } from '../versioned-facts.js';
import { defineClockTable } from '../entity-fold.js';
import { recordRow } from '../fact-rows.js';
import { recordFactShape } from '../record-facts.js';
import type { RecordFact } from '../record-facts.js';

export const timelinePeople = defineTable({
  name: 'timeline_people',
  schema: z.object({
    nip: z.string(),
    name: z.string().nullable(),
    birthDate: z.string().nullable(),
    gender: z.string().nullable(),
    education: z.string().nullable(),
    tmtCpns: z.string().nullable(),
    registeredAt: z.string().nullable(),
  }),
  primaryKey: 'nip',
  lookups: {},
});
export type TimelinePersonRow = z.output<typeof timelinePeople.schema>;

export const timelineRecords = defineTable({
  name: 'timeline_records',
  schema: z.object({ ...versionShape, ...recordFactShape }),
  primaryKey: 'id',
  lookups: { byEntity: ['nip'], open: ['openKey'] },
  indexes: { byFacet: ['nip', 'facet'] },
});
export type TimelineRecordRow = z.output<typeof timelineRecords.schema>;

/** Keyed by NIP: the latest effective date folded for the person. */
export const timelineClocks = defineClockTable('timeline_clocks');

export const personRecords = createFactSync<RecordFact, TimelineRecordRow>({
  table: timelineRecords,
  toRow: recordRow,
  closeColumns: ['closeSkNumber'],
});
