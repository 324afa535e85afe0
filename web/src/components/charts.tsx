/** The overview's charts (chart.js through react-chartjs-2): usage against limit, and usage over time. */
import { BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { formatBytes } from '../format';
import { useUsageHistory } from '../usage-history';

// Only what the two charts use, so the bundle carries no other chart type.
Chart.register(BarElement, CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend, Filler);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const GIB = 1024 ** 3;

export interface UsageBar {
  label: string;
  usedBytes: number;
  limitBytes: number | null;
}

/** Used and remaining bytes per account, stacked: a bar's length is the limit when there is one. */
export function UsageAgainstLimitChart({ bars }: { bars: UsageBar[] }) {
  const data = {
    labels: bars.map((bar) => bar.label),
    datasets: [
      { label: 'Used (GiB)', data: bars.map((bar) => bar.usedBytes / GIB), backgroundColor: '#2f6fb3' },
      {
        label: 'Remaining (GiB)',
        data: bars.map((bar) => (bar.limitBytes === null ? 0 : Math.max(0, bar.limitBytes - bar.usedBytes) / GIB)),
        backgroundColor: '#cfe0f3',
      },
    ],
  };
  return (
    <div className="chart" role="img" aria-label="Bandwidth used against limit per account" data-testid="usage-chart">
      <Bar
        data={data}
        options={{
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          scales: { x: { stacked: true, title: { display: true, text: 'GiB' } }, y: { stacked: true } },
          plugins: { tooltip: { callbacks: { label: (item) => `${item.dataset.label?.replace(' (GiB)', '')}: ${formatBytes(Number(item.raw) * GIB)}` } } },
        }}
      />
    </div>
  );
}

/** Bytes per hour (or used so far, from snapshots) over the history window, projected hours dashed. */
export function UsageHistoryChart({ accountId, label }: { accountId: string; label: string }) {
  const { history, loading, error } = useUsageHistory(accountId);
  if (error)
    return (
      <p className="muted">
        No history for {label}: {error}
      </p>
    );
  if (!history) return <p className="muted">{loading ? 'Loading history…' : `No history for ${label}.`}</p>;
  const labels = history.points.map((point) => point.at.slice(5, 13).replace('T', ' ') + 'h');
  const unit = history.cumulative ? 'used so far (GiB)' : 'per hour (MiB)';
  const scale = history.cumulative ? GIB : 1024 ** 2;
  const data = {
    labels,
    datasets: [
      {
        label: `${label}: ${unit}`,
        data: history.points.map((point) => point.bytes / scale),
        borderColor: '#2f6fb3',
        backgroundColor: 'rgba(47, 111, 179, 0.15)',
        fill: true,
        // A history that has only begun (a few snapshots) shows its points; a long one draws the line alone.
        pointRadius: history.points.length < 48 ? 3 : 0,
        borderWidth: 1.5,
        segment: { borderDash: (context: { p1DataIndex: number }) => (history.points[context.p1DataIndex]?.projected ? [4, 4] : undefined) },
      },
    ],
  };
  return (
    <div className="chart" role="img" aria-label={`Usage history of ${label}`} data-testid="history-chart">
      <Line
        data={data}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true } },
          plugins: { legend: { display: true } },
        }}
      />
    </div>
  );
}
