import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { h } from './dom';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** A colour-blind-safe palette (Okabe–Ito), cycled for datasets. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];

export interface ChartPanel {
  element: HTMLElement;
  canvas: HTMLCanvasElement;
}

/** A titled panel holding a canvas and a button that downloads the canvas as PNG. */
export function chartPanel(title: string, fileName: string, description: string): ChartPanel {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title}: ${description}` });
  const download = h(
    'button',
    {
      type: 'button',
      onclick: () => {
        const link = h('a', { href: canvas.toDataURL('image/png'), download: fileName });
        document.body.append(link);
        link.click();
        link.remove();
      },
    },
    'Download PNG',
  );
  const element = h(
    'section',
    { class: 'card' },
    h('h2', {}, title),
    h('div', { class: 'chart-box' }, canvas),
    download,
  );
  return { element, canvas };
}

/** A bar chart (horizontal when many labels) that paints a white background so the PNG is not transparent. */
export function barChart(
  canvas: HTMLCanvasElement,
  labels: string[],
  datasets: { label: string; data: number[] }[],
  options: { stacked?: boolean; horizontal?: boolean } = {},
): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: datasets.map((d, i) => ({ ...d, backgroundColor: PALETTE[i % PALETTE.length] })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: options.horizontal ? 'y' : 'x',
      scales: {
        x: { stacked: options.stacked ?? false, ticks: { precision: 0 } },
        y: { stacked: options.stacked ?? false, ticks: { precision: 0 } },
      },
      plugins: { legend: { display: datasets.length > 1 } },
    },
    plugins: [whiteBackground],
  });
}

const whiteBackground = {
  id: 'whiteBackground',
  beforeDraw(chart: Chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/**
 * A heat map drawn straight on the canvas (chart.js has no matrix chart without a plugin):
 * cell shade grows with the count, and each cell prints its number so colour is not the only cue.
 * The canvas is sized from the labels as measured, so the slanted column labels (the last one
 * reaches furthest right) and the row labels all fit inside it, on screen and in the PNG.
 */
export function heatMap(canvas: HTMLCanvasElement, labels: string[], matrix: number[][]): void {
  const cell = 56;
  const font = '12px system-ui, sans-serif';
  const slant = Math.SQRT1_2; // the column labels rise at 45°
  const shown = labels.map((l) => (l.length > 30 ? `${l.slice(0, 29)}…` : l));
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.font = font;
  const widths = shown.map((l) => Math.ceil(ctx.measureText(l).width));
  const widest = Math.max(0, ...widths);
  const left = widest + 14;
  const top = Math.ceil(widest * slant) + 20;
  const gridRight = left + cell * labels.length;
  // each column label starts above its column's middle and runs up to the right
  const reach = Math.max(0, ...widths.map((w, i) => left + i * cell + cell / 2 + (w + 12) * slant));
  const width = Math.max(gridRight + 8, Math.ceil(reach) + 8);
  const height = top + cell * labels.length + 8;
  canvas.width = width; // resets the context, font included
  canvas.height = height;
  canvas.style.maxWidth = '100%';
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const max = Math.max(1, ...matrix.flat());
  ctx.font = font;
  shown.forEach((label, i) => {
    ctx.fillStyle = '#1b1f24';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, left - 6, top + i * cell + cell / 2);
    ctx.save();
    ctx.translate(left + i * cell + cell / 2, top - 6);
    ctx.rotate(-Math.PI / 4);
    ctx.textAlign = 'left';
    ctx.fillText(label, 0, 0);
    ctx.restore();
    (matrix[i] ?? []).forEach((value, j) => {
      const t = value / max;
      ctx.fillStyle = `rgba(0, 114, 178, ${0.08 + 0.92 * t})`;
      ctx.fillRect(left + j * cell, top + i * cell, cell - 2, cell - 2);
      ctx.fillStyle = t > 0.55 ? '#fff' : '#1b1f24';
      ctx.textAlign = 'center';
      ctx.fillText(String(value), left + j * cell + cell / 2 - 1, top + i * cell + cell / 2 - 1);
    });
  });
}
