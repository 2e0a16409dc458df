// @ts-check
/**
 * The charts, drawn by Chart.js (window.Chart, its UMD build served from /insight/vendor/). Each
 * canvas is an image with a short summary as its name; the numbers themselves are in the table
 * beside it (figure-tables.js). No animation: the figures are there at once, and nothing moves for
 * someone who asked for reduced motion.
 */

/** @typedef {import('chart.js').ChartConfiguration} ChartConfiguration */
/** @typedef {import('chart.js').Chart} Chart */

/** Colours with at least 3:1 against white (WCAG 1.4.11), told apart by more than hue where it matters. */
export const COLOURS = {
  blue: '#1f5f99',
  dark: '#1f3b57',
  green: '#1d6f42',
  orange: '#b35900',
  red: '#a4262c',
  grey: '#6b6b6b',
};

/** @type {Map<string, Chart>} */
const drawn = new Map();

/** Draws (or redraws) the chart on the canvas with this id. */
export function drawChart(/** @type {string} */ canvasId, /** @type {ChartConfiguration} */ config) {
  drawn.get(canvasId)?.destroy();
  const canvas = document.getElementById(canvasId);
  if (!(canvas instanceof HTMLCanvasElement)) throw new Error(`#${canvasId} is missing from the page`);
  // Axis and legend text darker than Chart.js's grey, for contrast.
  window.Chart.defaults.color = '#404040';
  const options = config.options ?? {};
  const chart = new window.Chart(canvas, {
    ...config,
    options: {
      ...options,
      locale: 'da-DK',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
    },
  });
  drawn.set(canvasId, chart);
}

/** Forgets every chart (signing out). */
export function clearCharts() {
  for (const chart of drawn.values()) chart.destroy();
  drawn.clear();
}

/**
 * A bar chart: vertical for a sequence (days, hours), horizontal for a ranking.
 * @param {string[]} labels
 * @param {{ label: string, data: number[], colour: string, type?: 'line' }[]} series
 * @param {{ horizontal?: boolean, stacked?: boolean }} [shape]
 * @returns {ChartConfiguration}
 */
export function barChart(labels, series, shape = {}) {
  const scale = { stacked: Boolean(shape.stacked), beginAtZero: true, ticks: { precision: 0 } };
  return /** @type {ChartConfiguration} */ ({
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s) => ({
        label: s.label,
        data: s.data,
        backgroundColor: s.colour,
        borderColor: s.colour,
        ...(s.type ? { type: s.type, borderWidth: 2, pointRadius: 2, order: -1 } : {}),
      })),
    },
    options: {
      indexAxis: shape.horizontal ? 'y' : 'x',
      scales: { x: scale, y: scale },
      plugins: { legend: { display: series.length > 1, labels: { color: '#1a1a1a' } } },
    },
  });
}
