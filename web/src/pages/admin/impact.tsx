/**
 * `/admin/impact`: the programme's impact report drawn as bar charts. The charts are plain SVG
 * drawn here (a few bars need no chart library); each is an image with a text summary for screen
 * readers, and its figures are also a table under "The figures as a table".
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, me, type Term, taxonomy } from '../../api';
import { Feedback, TableWrap } from '../../components';
import { describeError } from '../../errors';
import { locale, type MessageKey, t } from '../../i18n';
import { city } from '../../places';
import { PROJECT_STAGES, stageLabel } from '../projects';
import { OrganizerPage } from './gate';
import { timeline } from './timeline';
import '../impact.css';

const FIGURES = [
  'requests',
  'accepted',
  'meetingsBooked',
  'meetingsHeld',
  'noShows',
  'cooperationPossible',
  'agreements',
  'mous',
  'pilots',
  'projects',
] as const;
type Figure = (typeof FIGURES)[number];
type Counts = Record<Figure, number>;

interface Report {
  funnel: Counts;
  byCityPair: ({ cities: [string, string] } & Counts)[];
  bySector: ({ sector: string } & Counts)[];
  overTime: ({ month: string } & Counts)[];
  projectsByStage: Record<string, number>;
}

/** A city pair for reading; the API's key ("Granada,Kunming") stays in English. */
const pairLabel = (p: [string, string]) => p.map(city).join(' – ');
const fig = (f: Figure) => t(`fig_${f}` as MessageKey);
const nf = () => new Intl.NumberFormat(locale.value === 'zh' ? 'zh-CN' : 'en-GB');

interface Bar {
  label: string;
  values: number[];
}

/** True while the screen is phone-narrow; follows rotation and window resizing. */
function useNarrow(query = '(max-width: 600px)'): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setNarrow(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return narrow;
}

/**
 * Horizontal bars, one row per item, one bar per series; values at the end. On a laptop the labels
 * sit left of the bars. On a phone the 640-unit drawing would shrink to half size and its text to
 * about 6 px, so there the drawing is narrower and each label sits on its own line above its bars.
 */
function HBars(props: { title: string; series: string[]; bars: Bar[] }) {
  const id = useId();
  const narrow = useNarrow();
  const max = Math.max(1, ...props.bars.flatMap((b) => b.values));
  const labelH = narrow ? 20 : 0;
  const rowH = 10 + labelH + props.series.length * 16;
  const labelW = narrow ? 0 : 190;
  const width = narrow ? 340 : 640;
  const plotW = width - labelW - (narrow ? 40 : 60);
  const maxChars = narrow ? 40 : 28;
  const height = props.bars.length * rowH + 8;
  const format = nf();
  const summary = props.bars
    .map((b) => `${b.label} ${b.values.map((v) => format.format(v)).join(' / ')}`)
    .join('; ');
  return (
    <figure class={narrow ? 'chart chart-narrow' : 'chart'}>
      <figcaption id={`${id}-cap`}>{props.title}</figcaption>
      {props.series.length > 1 && <Legend series={props.series} />}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-cap ${id}-sum`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title>{props.title}</title>
        <desc id={`${id}-sum`}>{summary}</desc>
        {props.bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * rowH + 4})`}>
            <text
              x={narrow ? 0 : labelW - 8}
              y={narrow ? labelH / 2 + 2 : rowH / 2}
              text-anchor={narrow ? 'start' : 'end'}
              dominant-baseline="middle"
              class="chart-label"
            >
              {b.label.length > maxChars ? `${b.label.slice(0, maxChars - 1)}…` : b.label}
            </text>
            {b.values.map((v, s) => (
              <g key={props.series[s]}>
                <rect
                  x={labelW}
                  y={labelH + 4 + s * 16}
                  width={Math.max(v > 0 ? 2 : 0, (v / max) * plotW)}
                  height={13}
                  class={`bar bar-${s}`}
                />
                <text
                  x={labelW + (v / max) * plotW + 5}
                  y={labelH + 4 + s * 16 + 7}
                  dominant-baseline="middle"
                  class="chart-value"
                >
                  {format.format(v)}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}

const OVER_TIME = ['meetingsBooked', 'meetingsHeld', 'projects'] as const;

/** Booked, held and projects over time: every month from the first to the last, or quarters or years for a long programme. */
function OverTime(props: { months: Report['overTime'] }) {
  const { period, bars } = timeline(props.months, OVER_TIME);
  const title = { month: t('impactOverTime'), quarter: t('impactByQuarter'), year: t('impactByYear') }[
    period
  ];
  return (
    <Columns
      title={title}
      series={OVER_TIME.map((f) => fig(f))}
      bars={bars.map((b) => ({
        label:
          period === 'quarter'
            ? t('impactQuarter', { year: String(b.year), quarter: String(b.part) })
            : b.key,
        values: OVER_TIME.map((f) => b.counts[f]),
      }))}
      // Quarters are labelled at each year's first (and at the first bar when that is far off).
      labelAt={
        period === 'quarter' ? (i) => bars[i]!.part === 1 || (i === 0 && bars[0]!.part <= 2) : undefined
      }
    />
  );
}

/** Vertical bars per period, one bar per series. */
function Columns(props: { title: string; series: string[]; bars: Bar[]; labelAt?: (i: number) => boolean }) {
  const id = useId();
  const max = Math.max(1, ...props.bars.flatMap((b) => b.values));
  const height = 220;
  const plotH = height - 40;
  // Narrower groups for many periods, so that the drawing stays within about 900 units: wider,
  // it is shrunk to fit a laptop's card and its labels with it (on a phone it scrolls sideways).
  const natural = Math.max(24, props.series.length * 10 + 8);
  const groupW = Math.max(18, Math.min(natural, Math.floor(820 / Math.max(1, props.bars.length))));
  const gap = groupW >= 30 ? 8 : 4;
  // Room after the last group for its label.
  const width = Math.max(320, props.bars.length * groupW + 90);
  const barW = (groupW - gap) / props.series.length;
  const format = nf();
  // A label every 80 units or more, so that neighbours never run into each other.
  const every = Math.ceil(80 / groupW);
  const labelAt = props.labelAt ?? ((i: number) => i % every === 0);
  const summary = props.bars
    .map((b) => `${b.label} ${b.values.map((v) => format.format(v)).join(' / ')}`)
    .join('; ');
  return (
    <figure class="chart">
      <figcaption id={`${id}-cap`}>{props.title}</figcaption>
      <Legend series={props.series} />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: on a phone the months scroll sideways inside the chart, and a scroll area must take focus to be scrolled by keyboard (WCAG 2.1.1) */}
      <div class="chart-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-cap`}>
        <svg
          viewBox={`0 0 ${width} ${height}`}
          style={{ minWidth: `${Math.min(width, 900)}px` }}
          role="img"
          aria-labelledby={`${id}-cap ${id}-sum`}
        >
          <title>{props.title}</title>
          <desc id={`${id}-sum`}>{summary}</desc>
          <text x={4} y={12} class="chart-value">
            {format.format(max)}
          </text>
          <line x1={30} x2={width} y1={plotH + 10} y2={plotH + 10} class="axis-line" />
          {props.bars.map((b, i) => (
            <g key={b.label} transform={`translate(${34 + i * groupW} 10)`}>
              {b.values.map((v, s) => (
                <rect
                  key={props.series[s]}
                  x={s * barW}
                  y={plotH - (v / max) * plotH}
                  width={barW - 1}
                  height={(v / max) * plotH}
                  class={`bar bar-${s}`}
                />
              ))}
              {labelAt(i) && (
                <text x={0} y={plotH + 22} class="chart-label">
                  {b.label}
                </text>
              )}
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}

function Legend(props: { series: string[] }) {
  return (
    <ul class="legend" aria-hidden="true">
      {props.series.map((s, i) => (
        <li key={s}>
          <span class={`swatch bar-${i}`} />
          {s}
        </li>
      ))}
    </ul>
  );
}

/** The figures of one breakdown as a table: what screen readers and spreadsheets read. */
function FigureTable(props: { label: string; head: string; rows: { key: string; counts: Counts }[] }) {
  const format = nf();
  return (
    <details class="chart-table">
      <summary>{t('impactTable')}</summary>
      <TableWrap label={props.label}>
        <table>
          <thead>
            <tr>
              <th scope="col">{props.head}</th>
              {FIGURES.map((f) => (
                <th key={f} scope="col">
                  {fig(f)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.key}</th>
                {FIGURES.map((f) => (
                  <td key={f}>{format.format(r.counts[f])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </details>
  );
}

function queryOf(q: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function AdminImpact() {
  const { query, route } = useLocation();
  const [report, setReport] = useState<Report | null>(null);
  const [pairs, setPairs] = useState<[string, string][]>([]);
  const [sectors, setSectors] = useState<Term[]>([]);
  const [error, setError] = useState<string | null>(null);
  const filters = { from: query.from, to: query.to, cities: query.cities, sector: query.sector };
  const qs = queryOf(filters);
  useEffect(() => {
    if (me.value?.role !== 'organizer') return;
    setError(null);
    api<Report>('GET', `/api/admin/impact${qs}`).then(
      (r) => {
        setReport(r);
        if (!qs) setPairs(r.byCityPair.map((p) => p.cities));
      },
      (err) => setError(describeError(err)),
    );
    if (qs && pairs.length === 0)
      api<Report>('GET', '/api/admin/impact').then(
        (r) => setPairs(r.byCityPair.map((p) => p.cities)),
        () => undefined,
      );
    taxonomy().then(
      (x) => setSectors(x.sectors),
      () => undefined,
    );
  }, [me.value, qs]);

  const sectorLabel = (id: string) => sectors.find((s) => s.id === id)?.label[locale.value] ?? id;
  const apply = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const get = (k: string) => String(form.get(k) ?? '') || undefined;
    route(
      `/admin/impact${queryOf({ from: get('from'), to: get('to'), cities: get('cities'), sector: get('sector') })}`,
    );
  };

  return (
    <OrganizerPage>
      {() => (
        <section aria-labelledby="impact-title" class="impact">
          <div class="row-split">
            <h1 id="impact-title">{t('impactTitle')}</h1>
            <a class="button" href={`/api/admin/impact.csv${qs}`} download="impact.csv">
              {t('impactCsv')}
            </a>
          </div>
          <p class="muted">{t('impactIntro')}</p>
          <form class="filters impact-filters" onSubmit={apply} aria-label={t('impactFilters')}>
            <label>
              {t('impactFrom')}
              <input type="month" name="from" value={filters.from ?? ''} />
            </label>
            <label>
              {t('impactTo')}
              <input type="month" name="to" value={filters.to ?? ''} />
            </label>
            <label>
              {t('impactCityPair')}
              <select name="cities" value={filters.cities ?? ''}>
                <option value="">{t('impactAll')}</option>
                {pairs.map((p) => (
                  <option key={p.join()} value={p.join(',')}>
                    {pairLabel(p)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('impactSector')}
              <select name="sector" value={filters.sector ?? ''}>
                <option value="">{t('impactAll')}</option>
                {sectors.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label[locale.value]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t('impactApply')}</button>
          </form>
          <Feedback error={error} />
          {!report ? (
            !error && <p>{t('loading')}</p>
          ) : (
            <>
              <div class="card">
                <HBars
                  title={t('impactFunnel')}
                  series={[t('fig_meetingsBooked')]}
                  bars={FIGURES.map((f) => ({ label: fig(f), values: [report.funnel[f]] }))}
                />
                <FigureTable label={t('impactFunnel')} head="" rows={[{ key: '', counts: report.funnel }]} />
              </div>
              <div class="card">
                {report.overTime.length === 0 ? (
                  <p>{t('impactEmpty')}</p>
                ) : (
                  <OverTime months={report.overTime} />
                )}
                <FigureTable
                  label={t('impactOverTime')}
                  head={t('impactMonth')}
                  rows={report.overTime.map((m) => ({ key: m.month, counts: m }))}
                />
              </div>
              <div class="card">
                <HBars
                  title={t('impactByCityPair')}
                  series={[fig('meetingsBooked'), fig('meetingsHeld'), fig('projects')]}
                  bars={report.byCityPair.slice(0, 12).map((p) => ({
                    label: pairLabel(p.cities),
                    values: [p.meetingsBooked, p.meetingsHeld, p.projects],
                  }))}
                />
                <FigureTable
                  label={t('impactByCityPair')}
                  head={t('impactCityPair')}
                  rows={report.byCityPair.map((p) => ({ key: pairLabel(p.cities), counts: p }))}
                />
              </div>
              <div class="card">
                <HBars
                  title={t('impactBySector')}
                  series={[fig('meetingsBooked'), fig('projects')]}
                  bars={report.bySector.slice(0, 12).map((s) => ({
                    label: sectorLabel(s.sector),
                    values: [s.meetingsBooked, s.projects],
                  }))}
                />
                <FigureTable
                  label={t('impactBySector')}
                  head={t('impactSector')}
                  rows={report.bySector.map((s) => ({ key: sectorLabel(s.sector), counts: s }))}
                />
              </div>
              <div class="card">
                <HBars
                  title={t('impactByStage')}
                  series={[fig('projects')]}
                  bars={PROJECT_STAGES.map((s) => ({
                    label: stageLabel(s),
                    values: [report.projectsByStage[s] ?? 0],
                  }))}
                />
              </div>
              <details class="card">
                <summary>{t('impactDefinitions')}</summary>
                <dl class="definitions">
                  {FIGURES.map((f) => (
                    <div key={f}>
                      <dt>{fig(f)}</dt>
                      <dd>{t(`def_${f}` as MessageKey)}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </>
          )}
        </section>
      )}
    </OrganizerPage>
  );
}
