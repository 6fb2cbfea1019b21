// A tiny SVG line chart (no dependency): one series of (x, y) points with axes, ticks and labels.

export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly { readonly name: string; readonly points: readonly (readonly [number, number])[] }[];
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const fmt = (v: number): string => (v >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(0)}k` : `${Math.round(v * 10) / 10}`);

export const lineChart = (spec: ChartSpec, width = 640, height = 360): string => {
  const pad = { left: 70, right: 20, top: 40, bottom: 50 };
  const all = spec.series.flatMap((s) => s.points);
  const maxX = Math.max(1, ...all.map(([x]) => x));
  const maxY = Math.max(1, ...all.map(([, y]) => y)) * 1.1;
  const sx = (x: number): number => pad.left + (x / maxX) * (width - pad.left - pad.right);
  const sy = (y: number): number => height - pad.bottom - (y / maxY) * (height - pad.top - pad.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${esc(spec.title)}</text>`,
    `<line x1="${pad.left}" y1="${sy(0)}" x2="${width - pad.right}" y2="${sy(0)}" stroke="black"/>`,
    `<line x1="${pad.left}" y1="${sy(0)}" x2="${pad.left}" y2="${pad.top}" stroke="black"/>`,
    ...ticks.map((t) => `<text x="${sx(t * maxX)}" y="${sy(0) + 15}" text-anchor="middle">${fmt(t * maxX)}</text>`),
    ...ticks.map((t) => `<text x="${pad.left - 5}" y="${sy(t * maxY) + 4}" text-anchor="end">${fmt(t * maxY)}</text>`),
    `<text x="${width / 2}" y="${height - 10}" text-anchor="middle">${esc(spec.xLabel)}</text>`,
    `<text transform="translate(14 ${height / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`,
  ];
  spec.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? 'black';
    const points = [...s.points].sort(([a], [b]) => a - b);
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`);
    for (const [x, y] of points) parts.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3" fill="${colour}"/>`);
    parts.push(`<text x="${width - pad.right - 150}" y="${pad.top + 14 * i}" fill="${colour}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
};
