// The NIP, the 18-digit civil-servant number: validates its embedded birth date, TMT CPNS month, gender and
// serial, formats it for display, and checks it against a personnel record.
import { z } from 'zod';
import { digitsAt, isRealCalendarDate } from './ids.js';

export const NIP_PATTERN = /^\d{18}$/;

/** Appointment as CPNS is possible from age 18, counted in whole months from the birth month. */
const MIN_AGE_AT_TMT_MONTHS = 18 * 12;

export type ParsedNip = {
  /** YYYY-MM-DD */
  birthDate: string;
  /** YYYY-MM, the month of first appointment (TMT CPNS) */
  tmtCpns: string;
  gender: 'M' | 'F';
  /** 1..999, distinguishes people whose first 15 digits collide */
  serial: number;
};

type ParseResult = { ok: true; value: ParsedNip } | { ok: false; reason: string };

/**
 * Why `value` is not a valid NIP, or null. A valid NIP allocates nothing: NipSchema checks every NIP of every event
 * read back, where parseNip would build the parts only to drop them.
 */
export function nipProblem(value: string): string | null {
  if (!/^\d*$/.test(value)) return `NIP ${JSON.stringify(value)} must contain digits only`;
  if (value.length !== 18) return `NIP must be 18 digits, got ${value.length}`;
  const birthYear = digitsAt(value, 0, 4);
  const birthMonth = digitsAt(value, 4, 6);
  if (!isRealCalendarDate(birthYear, birthMonth, digitsAt(value, 6, 8))) return `NIP birth date ${value.slice(0, 8)} is not a real date`;
  const tmtYear = digitsAt(value, 8, 12);
  const tmtMonth = digitsAt(value, 12, 14);
  if (tmtMonth < 1 || tmtMonth > 12) return `NIP TMT CPNS ${value.slice(8, 14)} is not a real month`;
  if (tmtYear * 12 + tmtMonth - (birthYear * 12 + birthMonth) < MIN_AGE_AT_TMT_MONTHS) {
    return `NIP TMT CPNS ${value.slice(8, 14)} is less than 18 years after birth date ${value.slice(0, 8)}`;
  }
  const gender = value.charCodeAt(14);
  if (gender !== 49 && gender !== 50) return `NIP gender digit ${value.charAt(14)} must be 1 (male) or 2 (female)`;
  if (digitsAt(value, 15, 18) < 1) return `NIP serial ${value.slice(15, 18)} must be 001 or more`;
  return null;
}

export function parseNip(value: string): ParseResult {
  const problem = nipProblem(value);
  if (problem !== null) return { ok: false, reason: problem };
  return {
    ok: true,
    value: {
      birthDate: `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`,
      tmtCpns: `${value.slice(8, 12)}-${value.slice(12, 14)}`,
      gender: value.charCodeAt(14) === 49 ? 'M' : 'F',
      serial: digitsAt(value, 15, 18),
    },
  };
}

export const NipSchema = z.string().refine((value) => nipProblem(value) === null, {
  error: (issue) => (typeof issue.input === 'string' ? nipProblem(issue.input) : null) ?? 'must be an 18-digit NIP',
});

export type Nip = z.infer<typeof NipSchema>;

/** Groups a NIP as `19860926 201505 1 001`; anything that is not 18 digits comes back unchanged. */
export function formatNip(nip: string): string {
  if (!NIP_PATTERN.test(nip)) return nip;
  return `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;
}

/**
 * Builds the NIP for the given parts (the inverse of parseNip). Throws a RangeError when the parts do not
 * make a valid NIP, so a data generator fails at the bad record instead of emitting it.
 */
export function makeNip(p: ParsedNip): string {
  const nip = p.birthDate.replaceAll('-', '') + p.tmtCpns.replaceAll('-', '')
    + (p.gender === 'M' ? '1' : '2') + String(p.serial).padStart(3, '0');
  const parsed = parseNip(nip);
  if (!parsed.ok) throw new RangeError(`cannot make a NIP from ${JSON.stringify(p)}: ${parsed.reason}`);
  if (parsed.value.birthDate !== p.birthDate || parsed.value.tmtCpns !== p.tmtCpns || parsed.value.serial !== p.serial) {
    throw new RangeError(`cannot make a NIP from ${JSON.stringify(p)}: parts are not in YYYY-MM-DD / YYYY-MM / 1..999 form`);
  }
  return nip;
}

const GENDER_WORD = { M: 'male', F: 'female' } as const;

/**
 * Lists how a NIP contradicts the personnel record it is attached to, and whether its TMT CPNS lies after
 * `today` (passed in, never read from the clock). Empty when consistent. An invalid NIP yields its reason.
 */
export function checkNipConsistency(
  nip: string,
  record: { birthDate: string; gender: 'M' | 'F'; tmtCpns: string },
  today: string,
): string[] {
  const parsed = parseNip(nip);
  if (!parsed.ok) return [parsed.reason];
  const { birthDate, gender, tmtCpns } = parsed.value;
  const problems: string[] = [];
  if (birthDate !== record.birthDate) {
    problems.push(`NIP birth date ${birthDate} differs from the record's birth date ${record.birthDate}`);
  }
  if (gender !== record.gender) {
    problems.push(`NIP gender digit says ${GENDER_WORD[gender]}, the record says ${GENDER_WORD[record.gender]}`);
  }
  // The record may carry the full TMT date; the NIP only knows its month.
  const recordTmtMonth = record.tmtCpns.slice(0, 7);
  if (tmtCpns !== recordTmtMonth) {
    problems.push(`NIP TMT CPNS ${tmtCpns} differs from the record's TMT CPNS ${record.tmtCpns}`);
  }
  if (`${tmtCpns}-01` > today) {
    problems.push(`NIP TMT CPNS ${tmtCpns} is after today (${today})`);
  }
  return problems;
}
