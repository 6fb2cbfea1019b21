// The real administrative areas of DKI Jakarta (province 31) from idn-area-data's CSVs: the five Kota
// Administrasi and Kabupaten Kepulauan Seribu, their 44 kecamatan and 267 kelurahan, with official names.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Area {
  /** Dotted code, e.g. 31.71.01.1001. */
  readonly code: string;
  readonly parentCode: string;
  readonly name: string;
}

export interface JakartaAreas {
  /** Kota/Kabupaten Administrasi, e.g. "Kota Administrasi Jakarta Pusat". */
  readonly regencies: readonly Area[];
  readonly districts: readonly Area[];
  readonly villages: readonly Area[];
}

const PROVINCE = '31';

/** Splits one CSV line, honouring double-quoted fields with "" escapes. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

function readAreas(dataDir: string, file: string, parentColumn: string): Area[] {
  const lines = readFileSync(join(dataDir, file), 'utf8').split(/\r?\n/).filter((line) => line.length > 0);
  const header = splitCsvLine(lines[0] ?? '');
  const codeAt = header.indexOf('code');
  const parentAt = header.indexOf(parentColumn);
  const nameAt = header.indexOf('name');
  if (codeAt < 0 || parentAt < 0 || nameAt < 0) throw new Error(`${file}: unexpected header ${header.join(',')}`);
  const areas: Area[] = [];
  for (const line of lines.slice(1)) {
    if (!line.startsWith(PROVINCE)) continue;
    const fields = splitCsvLine(line);
    const code = fields[codeAt];
    const parentCode = fields[parentAt];
    const name = fields[nameAt];
    if (code === undefined || parentCode === undefined || name === undefined) throw new Error(`${file}: short line ${line}`);
    if (code.startsWith(`${PROVINCE}.`)) areas.push({ code, parentCode, name: name.trim() });
  }
  return areas.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Reads province 31 from the installed idn-area-data package (node_modules/idn-area-data/data). */
export function loadJakartaAreas(): JakartaAreas {
  const packageJson = createRequire(import.meta.url).resolve('idn-area-data/package.json');
  const dataDir = join(dirname(packageJson), 'data');
  return {
    regencies: readAreas(dataDir, 'regencies.csv', 'province_code'),
    districts: readAreas(dataDir, 'districts.csv', 'regency_code'),
    villages: readAreas(dataDir, 'villages.csv', 'district_code'),
  };
}

/** A short wilayah label from a regency name: "Jakarta Pusat", "Kepulauan Seribu". */
export const wilayahName = (regency: Area): string =>
  regency.name.replace(/^(Kota|Kabupaten) Administrasi /, '');

/** The code with dots turned into dashes, usable inside unit ids: 31.71.01 → 31-71-01. */
export const codeSlug = (code: string): string => code.replaceAll('.', '-');
