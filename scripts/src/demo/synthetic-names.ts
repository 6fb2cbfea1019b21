// Synthetic Indonesian-sounding names for demo people; combinations, never real persons.
import type { SeededRandom } from '../seeded-random.js';

const GIVEN_M = ['Adi', 'Bagus', 'Cahyo', 'Dimas', 'Eko', 'Fajar', 'Gilang', 'Hendra', 'Irfan', 'Joko', 'Kurnia', 'Lukman', 'Made', 'Nanda', 'Oki', 'Putu', 'Rizki', 'Sigit', 'Taufik', 'Wahyu', 'Yoga', 'Zulfikar'];
const GIVEN_F = ['Ayu', 'Bunga', 'Citra', 'Dewi', 'Endah', 'Fitri', 'Gita', 'Hana', 'Indah', 'Julia', 'Kartika', 'Larasati', 'Maya', 'Nur', 'Putri', 'Ratna', 'Sari', 'Tari', 'Utami', 'Wulan', 'Yuni'];
const FAMILY = ['Pratama', 'Santoso', 'Wibowo', 'Saputra', 'Hidayat', 'Kusuma', 'Nugroho', 'Lestari', 'Permata', 'Siregar', 'Nasution', 'Harahap', 'Simanjuntak', 'Tanjung', 'Wijaya', 'Setiawan', 'Rahmawati', 'Susanti', 'Gunawan', 'Purnomo'];

export const syntheticName = (random: SeededRandom, gender: 'M' | 'F'): string =>
  `${random.pick(gender === 'M' ? GIVEN_M : GIVEN_F)} ${random.pick(FAMILY)}`;
