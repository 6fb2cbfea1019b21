// The NIP, the 18-digit civil-servant number: validates its embedded birth date, TMT CPNS month, gender and
// serial, formats it for display, and checks it against a personnel record.
import { z } from 'zod';
import { isRealCalendarDate } from './ids.js';

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

export function parseNip(value: string): ParseResult {
  if (!/^\d*$/.test(value)) {
    return { ok: false, reason: `NIP ${JSON.stringify(value)} must contain digits only` };
  }
  if (value.length !== 18) {
    return { ok: false, reason: `NIP must be 18 digits, got ${value.length}` };
  }
  const birth = value.slice(0, 8);
  const tmt = value.slice(8, 14);
  const genderDigit = value.slice(14, 15);
  const serialDigits = value.slice(15, 18);

  const birthYear = Number(birth.slice(0, 4));
  const birthMonth = Number(birth.slice(4, 6));
  if (!isRealCalendarDate(birthYear, birthMonth, Number(birth.slice(6, 8)))) {
    return { ok: false, reason: `NIP birth date ${birth} is not a real date` };
  }
  const tmtYear = Number(tmt.slice(0, 4));
  const tmtMonth = Number(tmt.slice(4, 6));
  if (tmtMonth < 1 || tmtMonth > 12) {
    return { ok: false, reason: `NIP TMT CPNS ${tmt} is not a real month` };
  }
  if (tmtYear * 12 + tmtMonth - (birthYear * 12 + birthMonth) < MIN_AGE_AT_TMT_MONTHS) {
    return { ok: false, reason: `NIP TMT CPNS ${tmt} is less than 18 years after birth date ${birth}` };
  }
  if (genderDigit !== '1' && genderDigit !== '2') {
    return { ok: false, reason: `NIP gender digit ${genderDigit} must be 1 (male) or 2 (female)` };
  }
  const serial = Number(serialDigits);
  if (serial < 1) {
    return { ok: false, reason: `NIP serial ${serialDigits} must be 001 or more` };
  }
  return {
    ok: true,
    value: {
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      tmtCpns: `${tmt.slice(0, 4)}-${tmt.slice(4, 6)}`,
      gender: genderDigit === '1' ? 'M' : 'F',
      serial,
    },
  };
}

export const NipSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseNip(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
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
