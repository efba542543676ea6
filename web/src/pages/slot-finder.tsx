/**
 * Proposals for a meeting with one or more people, on one time axis with everyone's working days
 * and holidays, each slot in the reader's zone and the others'. Used to book and to reschedule.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { api, me } from '../api';
import { Feedback } from '../components';
import { clockIn, dayIn, formatIn } from '../dates';
import { describeError } from '../errors';
import { locale, t } from '../i18n';
import { cityName } from '../places';
import { isoDateIn, zonedInstant } from '../zoned';
import { intersectAll, nearestStart, startsByDay } from './overlap';
import { type AxisPerson, TimeAxis } from './time-axis';

interface SlotsAnswer {
  slots: { start: string; end: string; score: number }[];
  people: AxisPerson[];
  reason?: { code: string; text: string };
  suggestions: { start: string; end: string; outside: Record<string, number> }[];
}

/** "Tue 12 May, 10:00–10:30" in a zone and the reader's language. */
export function when(start: string, end: string, zone: string): string {
  const [day, between, time] = whenParts(start, end, zone);
  return `${day}${between}${time}`;
}

/** `when` in its parts, for a narrow column that must break between the day and the time only. */
export function whenParts(
  start: string,
  end: string,
  zone: string,
): [day: string, between: string, time: string] {
  const day = dayIn(start, zone);
  // "12月4日周五 17:00–18:00": a Chinese date takes no comma before its time.
  return [day, locale.value === 'zh' ? ' ' : ', ', `${clockIn(start, zone)}–${clockIn(end, zone)}`];
}

/** Days one search covers, from its first day. */
const SEARCH_DAYS = 14;
/** How far ahead one may look (the server's horizon is a year). */
const HORIZON_DAYS = 350;

export function SlotFinder(props: {
  withIds: string[];
  /** The heading, from the other people once known. */
  title: (others: { name: string }[]) => string;
  actionLabel: string;
  initialDuration?: number;
  /** Offer a field for the meeting's agenda (when booking, not when moving). */
  askAgenda?: boolean;
  /** Books or moves; a refusal thrown here is shown above the list. */
  onPick: (start: string, duration: number, agenda: string) => Promise<void>;
}) {
  const [duration, setDuration] = useState(props.initialDuration ?? 30);
  const [answer, setAnswer] = useState<SlotsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [agenda, setAgenda] = useState('');
  /** The start chosen in each day's list of every start time, by local date. */
  const [chosen, setChosen] = useState<Record<string, number>>({});
  const mine = me.value!;
  const today = isoDateIn(Date.now(), mine.timeZone);
  /** The first day to look at, in the reader's zone: today unless they look further ahead. */
  const [fromDay, setFromDay] = useState(today);
  const key = props.withIds.join(',');
  const uid = useId();
  useEffect(() => {
    setAnswer(null);
    setError(null);
    setChosen({});
    const q = props.withIds.map((id) => `with=${encodeURIComponent(id)}`).join('&');
    // Two weeks from the chosen day's midnight in the reader's zone (from now when that is today).
    const start = fromDay > today ? zonedInstant(fromDay, '00:00', mine.timeZone) : null;
    const range =
      start === null
        ? ''
        : `&from=${new Date(start).toISOString()}&to=${new Date(start + SEARCH_DAYS * 86_400_000).toISOString()}`;
    api<SlotsAnswer>('GET', `/api/slots?${q}&duration=${duration}${range}`).then(setAnswer, (err) =>
      setError(describeError(err)),
    );
  }, [key, duration, fromDay]);
  const others = (answer?.people ?? []).filter((p) => p.id !== mine.id && p.timeZone !== mine.timeZone);
  const zones = [...new Map(others.map((p) => [p.timeZone, p])).values()];
  const days = answer ? startsByDay(intersectAll(answer.people), duration, mine.timeZone, Date.now()) : [];
  const proposed = new Map<string, SlotsAnswer['slots']>();
  const best = answer?.slots.length ? Math.max(...answer.slots.map((s) => s.score)) : null;
  for (const s of [...(answer?.slots ?? [])].sort((a, b) => a.start.localeCompare(b.start))) {
    const day = isoDateIn(Date.parse(s.start), mine.timeZone);
    proposed.set(day, [...(proposed.get(day) ?? []), s]);
  }
  const pick = async (start: string) => {
    setError(null);
    setBusy(true);
    try {
      await props.onPick(start, duration, agenda.trim());
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const endOf = (start: number) => new Date(start + duration * 60_000).toISOString();
  const elsewhere = (s: { start: string; end: string }) =>
    zones.map((p) => (
      <span key={p.timeZone} class="muted nowrap">
        {' '}
        · {when(s.start, s.end, p.timeZone)} {cityName(p.city, locale.value)}
      </span>
    ));
  /** A click on the chart: the nearest start of that day is chosen in its list, which takes focus. */
  const chooseAt = (day: string, at: number) => {
    const starts = days.find(([d]) => d === day)?.[1] ?? [];
    const near = nearestStart(starts, at);
    if (near === undefined) return;
    setChosen((c) => ({ ...c, [day]: near }));
    const select = document.getElementById(`${uid}-${day}`);
    select?.scrollIntoView({ block: 'center' });
    select?.focus();
  };
  return (
    <section class="card" aria-labelledby={`${uid}-finder`}>
      <h2 id={`${uid}-finder`}>
        {props.title(answer ? answer.people.filter((p) => p.id !== mine.id) : [{ name: '…' }])}
      </h2>
      <label>
        {t('duration')}{' '}
        <select value={duration} onChange={(e) => setDuration(Number(e.currentTarget.value))}>
          {[...new Set([15, 30, 45, 60, 90, props.initialDuration ?? 30])]
            .sort((a, b) => a - b)
            .map((n) => (
              <option key={n} value={n}>
                {t('minutes', { n: String(n) })}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t('searchFrom')}{' '}
        <input
          type="date"
          value={fromDay}
          min={today}
          max={isoDateIn(Date.now() + HORIZON_DAYS * 86_400_000, mine.timeZone)}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setFromDay(v && v >= today ? v : today);
          }}
        />
      </label>
      {props.askAgenda && (
        <div class="field">
          <label for={`${uid}-agenda`}>{t('agendaLabel')}</label>
          <textarea
            id={`${uid}-agenda`}
            rows={3}
            maxLength={2000}
            value={agenda}
            placeholder={t('agendaPlaceholder')}
            onInput={(e) => setAgenda(e.currentTarget.value)}
          />
        </div>
      )}
      <Feedback error={error} />
      {answer && days.length > 0 && (
        <TimeAxis
          zone={mine.timeZone}
          people={answer.people}
          slots={answer.slots}
          dates={days.map(([d]) => d)}
          chosen={Object.values(chosen)}
          onPick={chooseAt}
        />
      )}
      {!answer ? (
        !error && <p>{t('loading')}</p>
      ) : days.length ? (
        <>
          <p class="help">{t('slotListHelp')}</p>
          {days.map(([day, starts]) => {
            const value = chosen[day] ?? starts[0]!;
            return (
              <section key={day} class="slot-day" aria-labelledby={`${uid}-h-${day}`}>
                <h3 id={`${uid}-h-${day}`}>
                  {formatIn(starts[0]!, mine.timeZone, { weekday: 'long', day: 'numeric', month: 'long' })}
                </h3>
                <ul class="plain slots">
                  {(proposed.get(day) ?? []).map((s) => (
                    <li key={s.start}>
                      <span>
                        <strong>{when(s.start, s.end, mine.timeZone)}</strong>{' '}
                        <span class="nowrap">{cityName(mine.city, locale.value)}</span>
                        {elsewhere(s)}
                        {s.score === best && <span class="tag st-accepted"> {t('bestTime')}</span>}
                      </span>
                      <button type="button" disabled={busy} onClick={() => pick(s.start)}>
                        {props.actionLabel}
                      </button>
                    </li>
                  ))}
                  <li class="slot-any">
                    <span>
                      <label for={`${uid}-${day}`}>{t('anyStart')}</label>{' '}
                      <select
                        id={`${uid}-${day}`}
                        value={String(value)}
                        onChange={(e) => setChosen((c) => ({ ...c, [day]: Number(e.currentTarget.value) }))}
                      >
                        {starts.map((s) => (
                          <option key={s} value={String(s)}>
                            {clockIn(s, mine.timeZone)}
                            {zones
                              .map((p) => ` · ${clockIn(s, p.timeZone)} ${cityName(p.city, locale.value)}`)
                              .join('')}
                          </option>
                        ))}
                      </select>
                    </span>
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={`${props.actionLabel} ${when(new Date(value).toISOString(), endOf(value), mine.timeZone)}`}
                      onClick={() => pick(new Date(value).toISOString())}
                    >
                      {props.actionLabel}
                    </button>
                  </li>
                </ul>
              </section>
            );
          })}
        </>
      ) : (
        <>
          <p>{answer.reason?.text ?? t('noSlots')}</p>
          <ul class="plain slots">
            {answer.suggestions.map((s) => (
              <li key={s.start}>
                <span>
                  {when(s.start, s.end, mine.timeZone)}{' '}
                  <span class="nowrap">{cityName(mine.city, locale.value)}</span>
                  {elsewhere(s)} <span class="tag">{t('outsideHours')}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
