// Positions (jabatan) for the demo units, following UU 20/2023 kinds: every unit has a leadership
// position; seksi and suku dinas also have staff positions.
import type { Golongan, JabatanKind } from '@estafet/events';
import type { DemoUnit } from './jakarta-organisation.js';

export interface DemoPosition {
  readonly positionId: string;
  readonly unitId: string;
  readonly title: string;
  readonly kind: JabatanKind;
  readonly isLeadership: boolean;
  readonly minimumGolongan: Golongan;
  readonly requiredCompetencies: readonly string[];
}

const LEADER: Partial<Record<DemoUnit['kind'], { title: string; kind: JabatanKind; min: Golongan; competencies: string[] }>> = {
  SETDA: { title: 'Sekretaris Daerah', kind: 'JPT_MADYA', min: 'IV/d', competencies: ['kepemimpinan-strategis', 'manajemen-anggaran'] },
  ASISTEN: { title: 'Asisten', kind: 'JPT_PRATAMA', min: 'IV/c', competencies: ['kepemimpinan-strategis'] },
  BIRO: { title: 'Kepala Biro', kind: 'JPT_PRATAMA', min: 'IV/c', competencies: ['kepemimpinan-strategis'] },
  DINAS: { title: 'Kepala Dinas', kind: 'JPT_PRATAMA', min: 'IV/c', competencies: ['kepemimpinan-strategis', 'manajemen-anggaran'] },
  BADAN: { title: 'Kepala Badan', kind: 'JPT_PRATAMA', min: 'IV/c', competencies: ['kepemimpinan-strategis', 'manajemen-anggaran'] },
  SEKRETARIAT: { title: 'Sekretaris', kind: 'ADMINISTRATOR', min: 'IV/a', competencies: ['kepemimpinan-administrator'] },
  BIDANG: { title: 'Kepala Bidang', kind: 'ADMINISTRATOR', min: 'III/d', competencies: ['kepemimpinan-administrator'] },
  SUKU_DINAS: { title: 'Kepala Suku Dinas', kind: 'ADMINISTRATOR', min: 'IV/a', competencies: ['kepemimpinan-administrator'] },
  SEKSI: { title: 'Kepala Seksi', kind: 'PENGAWAS', min: 'III/c', competencies: ['kepemimpinan-pengawas'] },
};

const STAFF_TITLES = ['Analis Kebijakan', 'Pranata Komputer', 'Pengadministrasi Umum'] as const;

export const demoPositions = (units: readonly DemoUnit[]): DemoPosition[] => {
  const positions: DemoPosition[] = [];
  for (const unit of units) {
    const leader = LEADER[unit.kind];
    if (leader) {
      const title = unit.kind === 'SEKSI' || unit.kind === 'BIDANG' ? `${leader.title} ${unit.name.replace(/^(Seksi|Bidang) /, '')}`
        : `${leader.title} ${unit.name.replace(/^(Sekretariat|Dinas|Badan|Asisten|Biro|Suku Dinas) /, '')}`;
      positions.push({
        positionId: `${unit.unitId}-kepala`, unitId: unit.unitId, title, kind: leader.kind, isLeadership: true,
        minimumGolongan: leader.min, requiredCompetencies: leader.competencies,
      });
    }
    const staff = unit.kind === 'SEKSI' ? 3 : unit.kind === 'SUKU_DINAS' ? 2 : 0;
    for (let i = 0; i < staff; i += 1) {
      const title = STAFF_TITLES[i % STAFF_TITLES.length] ?? 'Pelaksana';
      positions.push({
        positionId: `${unit.unitId}-staf-${i + 1}`, unitId: unit.unitId, title, kind: i === 0 ? 'FUNGSIONAL' : 'PELAKSANA',
        isLeadership: false, minimumGolongan: 'II/a', requiredCompetencies: [],
      });
    }
  }
  return positions;
};
