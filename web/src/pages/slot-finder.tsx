/**
 * Proposals for a meeting with one or more people, on one time axis with everyone's working days
 * and holidays, each slot in the reader's zone and the others'. Used to book and to reschedule.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, me } from '../api';
import { Feedback } from '../components';
import { clockIn, formatIn } from '../dates';
import { describeError } from '../errors';
import { t } from '../i18n';
import { type AxisPerson, TimeAxis } from './time-axis';

interface SlotsAnswer {
  slots: { start: string; end: string; score: number }[];
  people: AxisPerson[];
  reason?: { code: string; text: string };
  suggestions: { start: string; end: string; outside: Record<string, number> }[];
}

/** "Tue 12 May, 10:00–10:30" in a zone and the reader's language. */
export function when(start: string, end: string, zone: string): string {
  const day = formatIn(start, zone, { weekday: 'short', day: 'numeric', month: 'short' });
  return `${day}, ${clockIn(start, zone)}–${clockIn(end, zone)}`;
}

export function SlotFinder(props: {
  withIds: string[];
  /** The heading, from the other people once known. */
  title: (others: { name: string }[]) => string;
  actionLabel: string;
  initialDuration?: number;
  /** Books or moves; a refusal thrown here is shown above the list. */
  onPick: (start: string, duration: number) => Promise<void>;
}) {
  const [duration, setDuration] = useState(props.initialDuration ?? 30);
  const [answer, setAnswer] = useState<SlotsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = me.value!;
  const key = props.withIds.join(',');
  useEffect(() => {
    setAnswer(null);
    setError(null);
    const q = props.withIds.map((id) => `with=${encodeURIComponent(id)}`).join('&');
    api<SlotsAnswer>('GET', `/api/slots?${q}&duration=${duration}`).then(setAnswer, (err) =>
      setError(describeError(err)),
    );
  }, [key, duration]);
  const others = (answer?.people ?? []).filter((p) => p.id !== mine.id && p.timeZone !== mine.timeZone);
  const zones = [...new Map(others.map((p) => [p.timeZone, p])).values()];
  const pick = async (start: string) => {
    setError(null);
    setBusy(true);
    try {
      await props.onPick(start, duration);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const elsewhere = (s: { start: string; end: string }) =>
    zones.map((p) => (
      <span key={p.timeZone} class="muted">
        {' '}
        · {when(s.start, s.end, p.timeZone)} {p.city}
      </span>
    ));
  return (
    <section class="card" aria-labelledby="finder">
      <h2 id="finder">
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
      <Feedback error={error} />
      {answer && <TimeAxis zone={mine.timeZone} people={answer.people} slots={answer.slots} />}
      {!answer ? (
        !error && <p>{t('loading')}</p>
      ) : answer.slots.length ? (
        <ul class="plain slots">
          {answer.slots.map((s) => (
            <li key={s.start}>
              <span>
                <strong>{when(s.start, s.end, mine.timeZone)}</strong> {mine.city}
                {elsewhere(s)}
              </span>
              <button type="button" disabled={busy} onClick={() => pick(s.start)}>
                {props.actionLabel}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <>
          <p>{answer.reason?.text ?? t('noSlots')}</p>
          <ul class="plain slots">
            {answer.suggestions.map((s) => (
              <li key={s.start}>
                <span>
                  {when(s.start, s.end, mine.timeZone)} {mine.city}
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
