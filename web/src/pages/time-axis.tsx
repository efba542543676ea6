/**
 * Both people's working days side by side on one 24-hour axis in the reader's zone, so that the
 * overlap (and a holiday on either side) is visible at a glance; the proposed slots are marked.
 */
import { aside, listOf, locale, t } from '../i18n';
import { cityName, zonePlace } from '../places';
import { isoDateOf, wallClock, zonedInstant } from '../zoned';

export interface AxisPerson {
  id: string;
  name: string;
  city: string;
  timeZone: string;
  free: { start: string; end: string }[];
  holidays: { date: string; name: string }[];
}

const QUARTER = 15 * 60_000;

/** The local date and quarter hour (0–95) of an instant in a zone. */
function localQuarter(ms: number, zone: string): { date: string; q: number } {
  const c = wallClock(ms, zone);
  return { date: isoDateOf(c), q: c.hour * 4 + Math.floor(c.minute / 15) };
}

/** Quarter hours of each local date covered by the intervals. */
function quarters(intervals: { start: string; end: string }[], zone: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const i of intervals) {
    const end = Date.parse(i.end);
    for (let ms = Math.ceil(Date.parse(i.start) / QUARTER) * QUARTER; ms < end; ms += QUARTER) {
      const { date, q } = localQuarter(ms, zone);
      const set = out.get(date) ?? new Set<number>();
      set.add(q);
      out.set(date, set);
    }
  }
  return out;
}

/** Runs of consecutive quarters, as [first, past-last). */
function runs(set: Set<number> | undefined): [number, number][] {
  if (!set) return [];
  const sorted = [...set].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const q of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === q) last[1] = q + 1;
    else out.push([q, q + 1]);
  }
  return out;
}

const clock = (q: number) =>
  `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;

function Bar({ spans, kind }: { spans: [number, number][]; kind: string }) {
  return (
    <div class={`axis-track ${kind}`} aria-hidden="true">
      {spans.map(([a, b]) => (
        <span
          key={a}
          class="axis-span"
          style={{ left: `${(a / 96) * 100}%`, width: `${((b - a) / 96) * 100}%` }}
        />
      ))}
    </div>
  );
}

export function TimeAxis({
  zone,
  people,
  slots,
  days = 7,
  dates: only,
  chosen = [],
  onPick,
}: {
  zone: string;
  people: AxisPerson[];
  slots: { start: string }[];
  days?: number;
  /** The days to draw (those of the list beside it); otherwise the first `days` with free time. */
  dates?: string[];
  /** Instants chosen in the list, marked on the chart. */
  chosen?: number[];
  /** A click on a day's tracks, at the instant under the pointer: a mouse shortcut to the list. */
  onPick?: (date: string, at: number) => void;
}) {
  const byPerson = people.map((p) => ({ p, q: quarters(p.free, zone) }));
  const slotQuarters = quarters(
    slots.map((s) => ({ start: s.start, end: new Date(Date.parse(s.start) + QUARTER).toISOString() })),
    zone,
  );
  const dates = only ?? [...new Set(byPerson.flatMap(({ q }) => [...q.keys()]))].sort().slice(0, days);
  const chosenQuarters = quarters(
    chosen.map((c) => ({ start: new Date(c).toISOString(), end: new Date(c + QUARTER).toISOString() })),
    zone,
  );
  const click = (date: string) => (e: MouseEvent) => {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const q = Math.max(0, Math.min(95, Math.floor(((e.clientX - box.left) / box.width) * 96)));
    const at = zonedInstant(date, clock(q), zone);
    if (at !== null) onPick?.(date, at);
  };
  const holidayDates = people.flatMap((p) =>
    p.holidays.map((h) => ({ ...h, who: cityName(p.city, locale.value) })),
  );
  const lang = locale.value === 'zh' ? 'zh-CN' : 'en-GB';
  // Weekday and date each kept whole: on a phone the label wraps between them, never inside a word.
  const dayPart = (date: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  const dayLabel = (date: string) => (
    <>
      <span class="nowrap">{dayPart(date, { weekday: 'short' })}</span>{' '}
      <span class="nowrap">{dayPart(date, { day: 'numeric', month: 'short' })}</span>
    </>
  );
  return (
    <figure class="axis">
      <figcaption class="muted">
        {t('axisCaption', { zone: zonePlace(zone) })}{' '}
        {people.map((p, i) => (
          <span key={p.id} class={`axis-key k${i}`}>
            {p.name}
            {aside(cityName(p.city, locale.value))}
          </span>
        ))}
        <span class="axis-key overlap">{t('overlap')}</span>
      </figcaption>
      <div class="axis-scale" aria-hidden="true">
        {[0, 6, 12, 18].map((h) => (
          <span key={h} style={{ left: `${(h / 24) * 100}%` }}>
            {String(h).padStart(2, '0')}:00
          </span>
        ))}
      </div>
      {dates.map((date) => {
        const sets = byPerson.map(({ q }) => q.get(date) ?? new Set<number>());
        const common = new Set([...(sets[0] ?? [])].filter((q) => sets.every((s) => s.has(q))));
        const overlapRuns = runs(common);
        const holidays = holidayDates.filter((h) => h.date === date);
        return (
          <div key={date} class="axis-day">
            <div class="axis-label">
              <strong>{dayLabel(date)}</strong>
              {holidays.map((h) => (
                <span key={h.who} class="tag st-declined">
                  {cityName(h.who, locale.value)}: {h.name}
                </span>
              ))}
            </div>
            {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: a mouse shortcut; the day’s list of start times beside it is the keyboard’s way */}
            <div class={`axis-rows${onPick ? ' pickable' : ''}`} onClick={onPick ? click(date) : undefined}>
              {sets.map((s, i) => (
                <Bar key={people[i]!.id} spans={runs(s)} kind={`k${i}`} />
              ))}
              <Bar spans={overlapRuns} kind="overlap" />
              <div class="axis-track slots" aria-hidden="true">
                {[...(slotQuarters.get(date) ?? [])].map((q) => (
                  <span key={q} class="axis-slot" style={{ left: `${(q / 96) * 100}%` }} />
                ))}
                {[...(chosenQuarters.get(date) ?? [])].map((q) => (
                  <span key={`c${q}`} class="axis-slot chosen" style={{ left: `${(q / 96) * 100}%` }} />
                ))}
              </div>
            </div>
            <p class="visually-hidden">
              {overlapRuns.length
                ? `${t('overlap')}${locale.value === 'zh' ? '：' : ': '}${listOf(overlapRuns.map(([a, b]) => `${clock(a)}–${clock(b)}`))}`
                : t('noOverlap')}
            </p>
          </div>
        );
      })}
    </figure>
  );
}
