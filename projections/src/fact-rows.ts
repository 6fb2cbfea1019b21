// Rows of the versioned tables, built field by field in one object literal per row kind. Spreading a fact and
// its version columns into a new object costs microseconds per row in V8 (the copy leaves the fast path once
// the object outgrows its in-object slots); a literal costs nanoseconds, and rebuild speed is made of these.
import type { HoldingFact } from './holding-facts.js';
import type { PositionFact, UnitFact } from './org-structure-facts.js';
import type { RecordFact } from './record-facts.js';
import type { VersionColumns } from './versioned-facts.js';

export const unitRow = (f: UnitFact, v: VersionColumns): UnitFact & VersionColumns => ({
  id: v.id, versionPosition: v.versionPosition, knownFrom: v.knownFrom, knownTo: v.knownTo, openKey: v.openKey,
  unitId: f.unitId, validFrom: f.validFrom, validTo: f.validTo, openEventId: f.openEventId, openedRecordedAt: f.openedRecordedAt,
  closeEventId: f.closeEventId, closedRecordedAt: f.closedRecordedAt, name: f.name, kind: f.kind, parentUnitId: f.parentUnitId,
  skNumber: f.skNumber, endReason: f.endReason, successorUnitIds: f.successorUnitIds, closeSkNumber: f.closeSkNumber,
});

export const positionRow = (f: PositionFact, v: VersionColumns): PositionFact & VersionColumns => ({
  id: v.id, versionPosition: v.versionPosition, knownFrom: v.knownFrom, knownTo: v.knownTo, openKey: v.openKey,
  positionId: f.positionId, validFrom: f.validFrom, validTo: f.validTo, openEventId: f.openEventId,
  openedRecordedAt: f.openedRecordedAt, closeEventId: f.closeEventId, closedRecordedAt: f.closedRecordedAt, unitId: f.unitId,
  title: f.title, kind: f.kind, eselon: f.eselon, isLeadership: f.isLeadership, minimumGolongan: f.minimumGolongan,
  skNumber: f.skNumber, endReason: f.endReason, closeSkNumber: f.closeSkNumber,
});

export const holdingRow = (f: HoldingFact, v: VersionColumns): HoldingFact & VersionColumns => ({
  id: v.id, versionPosition: v.versionPosition, knownFrom: v.knownFrom, knownTo: v.knownTo, openKey: v.openKey,
  nip: f.nip, positionId: f.positionId, role: f.role, validFrom: f.validFrom, validTo: f.validTo, openEventId: f.openEventId,
  openedRecordedAt: f.openedRecordedAt, closeEventId: f.closeEventId, closedRecordedAt: f.closedRecordedAt, plannedEnd: f.plannedEnd,
  openType: f.openType, openReason: f.openReason, skNumber: f.skNumber, skDate: f.skDate, closeType: f.closeType,
  closeReason: f.closeReason, closeSkNumber: f.closeSkNumber,
});

export const recordRow = (f: RecordFact, v: VersionColumns): RecordFact & VersionColumns => ({
  id: v.id, versionPosition: v.versionPosition, knownFrom: v.knownFrom, knownTo: v.knownTo, openKey: v.openKey,
  nip: f.nip, facet: f.facet, validFrom: f.validFrom, validTo: f.validTo, openEventId: f.openEventId,
  openedRecordedAt: f.openedRecordedAt, closeEventId: f.closeEventId, closedRecordedAt: f.closedRecordedAt, subject: f.subject,
  detail: f.detail, amount: f.amount, plannedEnd: f.plannedEnd, skNumber: f.skNumber, skDate: f.skDate, closeSkNumber: f.closeSkNumber,
});
