// The stream layout of the ledger, in one place: which stream holds which aggregate's events.
export const unitStream = (unitId: string): string => `unit-${unitId}`;
export const positionStream = (positionId: string): string => `position-${positionId}`;
export const employeeStream = (nip: string): string => `employee-${nip}`;
export const programStream = (programId: string): string => `program-${programId}`;
export const complaintStream = (complaintId: string): string => `complaint-${complaintId}`;

const POSITION_PREFIX = 'position-';

/** The position ids among stream ids (an event's alsoIn). */
export function positionIdsIn(streamIds: readonly string[]): string[] {
  return streamIds.filter((s) => s.startsWith(POSITION_PREFIX)).map((s) => s.slice(POSITION_PREFIX.length));
}
