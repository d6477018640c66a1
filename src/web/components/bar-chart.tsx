import { useEffect, useRef } from 'react';
import 'uplot/dist/uPlot.min.css';

/**
 * A bar chart drawn by uPlot (about 20 KB gzipped, canvas, loaded only on the pages that
 * chart something), with the same numbers in a table beside it: a canvas says nothing to a
 * screen reader, and the table is what prints.
 */
export function BarChart({
  label,
  categories,
  values,
  format = (v) => String(v),
}: {
  label: string;
  categories: string[];
  values: number[];
  format?: (value: number) => string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([categories, values]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the data's own key redraws it
  useEffect(() => {
    let chart: { destroy: () => void } | null = null;
    let live = true;
    void import('uplot').then(({ default: UPlot }) => {
      const el = host.current;
      if (!live || !el || categories.length === 0) return;
      const width = Math.max(280, Math.min(720, el.clientWidth || 600));
      chart = new UPlot(
        {
          width,
          height: 220,
          legend: { show: false },
          cursor: { show: false },
          scales: {
            x: { time: false, range: [-0.5, categories.length - 0.5] },
            y: { range: [0, Math.max(1, ...values) * 1.1] },
          },
          axes: [
            {
              values: (_u, splits) =>
                splits.map((s) => (Number.isInteger(s) ? (categories[s] ?? '') : '')),
              splits: () => categories.map((_, i) => i),
              stroke: '#222',
            },
            { stroke: '#222', values: (_u, splits) => splits.map((s) => format(s)) },
          ],
          series: [
            {},
            {
              label,
              fill: '#2a6f97',
              stroke: '#1d4e6b',
              paths: UPlot.paths.bars?.({ size: [0.6, 60] }),
              points: { show: false },
            },
          ],
        },
        [categories.map((_, i) => i), values],
        el,
      );
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [key]);
  return (
    <figure className="chart">
      <div ref={host} className="chart-canvas" aria-hidden="true" />
      <table className="table chart-table">
        <caption>{label}</caption>
        <tbody>
          {categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{c}</th>
              <td>{format(values[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
