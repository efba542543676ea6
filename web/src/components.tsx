/** Small shared pieces: form fields with their errors, checkbox groups, the working-hours editor. */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { FieldProblem, Term, WorkingWindow } from './api';
import { describeError } from './errors';
import { dayNames, locale, t } from './i18n';

export function Field(props: {
  label: string;
  error?: string;
  help?: string;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
}) {
  const id = useId();
  const helpId = props.help ? `${id}-help` : undefined;
  const errId = props.error ? `${id}-err` : undefined;
  const describedBy = [helpId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.help && (
        <p class="help" id={helpId}>
          {props.help}
        </p>
      )}
      {/* In the page before any error, so that the error is announced (see Feedback). */}
      <p class="error" id={`${id}-err`} role="alert">
        {props.error}
      </p>
    </div>
  );
}

export function CheckGroup(props: {
  legend: string;
  name: string;
  options: { id: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const errId = useId();
  return (
    <fieldset
      class={`checks${props.error ? ' has-error' : ''}`}
      aria-describedby={props.error ? errId : undefined}
    >
      <legend>{props.legend}</legend>
      <div class="check-grid">
        {props.options.map((o) => (
          <label key={o.id} class="check">
            <input
              type="checkbox"
              name={props.name}
              value={o.id}
              checked={props.value.includes(o.id)}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                props.onChange(on ? [...props.value, o.id] : props.value.filter((v) => v !== o.id));
              }}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <p class="error" id={errId} role="alert">
        {props.error}
      </p>
    </fieldset>
  );
}

export const termOptions = (terms: Term[]) => terms.map((x) => ({ id: x.id, label: x.label[locale.value] }));

const minutesOf = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * The week at a glance: one row a day, 24 hours across, the working windows filled in. The list
 * beside it says the same in words, so the grid is hidden from screen readers.
 */
export function WeekGrid(props: { value: WorkingWindow[] }) {
  const days = dayNames();
  return (
    <div class="week-grid" aria-hidden="true">
      <div class="week-scale">
        {[0, 6, 12, 18, 24].map((h) => (
          <span key={h} style={{ left: `${(h / 24) * 100}%` }}>
            {h}
          </span>
        ))}
      </div>
      {days.map((d, i) => (
        <div key={d} class="week-row">
          <span class="week-day">{d}</span>
          <span class="week-track">
            {props.value
              .filter((w) => w.day === i + 1 && minutesOf(w.end) > minutesOf(w.start))
              .map((w) => (
                <span
                  key={`${w.start}-${w.end}`}
                  class="week-span"
                  style={{
                    left: `${(minutesOf(w.start) / 1440) * 100}%`,
                    width: `${((minutesOf(w.end) - minutesOf(w.start)) / 1440) * 100}%`,
                  }}
                />
              ))}
          </span>
        </div>
      ))}
    </div>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5];

export function WorkingHoursEditor(props: {
  value: WorkingWindow[];
  onChange: (v: WorkingWindow[]) => void;
  error?: string;
}) {
  const days = dayNames();
  const update = (i: number, patch: Partial<WorkingWindow>) =>
    props.onChange(props.value.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <fieldset class={`hours${props.error ? ' has-error' : ''}`}>
      <legend>{t('workingHours')}</legend>
      <p class="help">{t('workingHoursHelp')}</p>
      <WeekGrid value={props.value} />
      <div class="actions">
        <button
          type="button"
          class="secondary"
          onClick={() => props.onChange(WEEKDAYS.map((day) => ({ day, start: '09:00', end: '18:00' })))}
        >
          {t('presetWeekdays')}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            props.onChange(
              WEEKDAYS.flatMap((day) => [
                { day, start: '09:00', end: '12:00' },
                { day, start: '13:30', end: '18:00' },
              ]),
            )
          }
        >
          {t('presetLunch')}
        </button>
      </div>
      <ul class="hours-list">
        {props.value.map((w, i) => (
          <li key={i} class="hours-row">
            <select
              aria-label={t('day')}
              value={String(w.day)}
              onChange={(e) => update(i, { day: Number((e.currentTarget as HTMLSelectElement).value) })}
            >
              {days.map((d, k) => (
                <option key={d} value={String(k + 1)}>
                  {d}
                </option>
              ))}
            </select>
            <input
              type="time"
              aria-label={`${days[w.day - 1]} ${t('from')}`}
              value={w.start}
              step={900}
              onInput={(e) => update(i, { start: (e.currentTarget as HTMLInputElement).value })}
            />
            <span aria-hidden="true">–</span>
            <input
              type="time"
              aria-label={`${days[w.day - 1]} ${t('until')}`}
              value={w.end === '24:00' ? '23:59' : w.end}
              step={900}
              onInput={(e) => {
                const v = (e.currentTarget as HTMLInputElement).value;
                update(i, { end: v === '23:59' ? '24:00' : v });
              }}
            />
            <button
              type="button"
              class="link"
              onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}
            >
              {t('removeWindow')}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        class="secondary"
        onClick={() => {
          const last = props.value[props.value.length - 1];
          const day = last ? Math.min(7, last.day + 1) : 1;
          props.onChange([...props.value, { day, start: '09:00', end: '18:00' }]);
        }}
      >
        {t('addWindow')}
      </button>
      <p class="error" role="alert">
        {props.error}
      </p>
    </fieldset>
  );
}

/**
 * What just happened (a polite status) and what went wrong (an alert), above a page's content.
 * Both regions are in the page from the start, empty (they then take no room: style.css), and
 * a message is put inside them: screen readers (NVDA with Chrome, VoiceOver) announce a change
 * inside a live region they already know, not a region inserted together with its text.
 */
export function Feedback(props: { note?: string | null; error?: string | null }) {
  return (
    <>
      <p class="notice" role="status">
        {props.note}
      </p>
      <p class="error" role="alert">
        {props.error}
      </p>
    </>
  );
}

/** Where a problem is: a CSV import's "line 4" reads 第 4 行 in Chinese. */
function problemField(field: string): string {
  const line = /^line (\d+)$/.exec(field);
  return line ? t('csvLine', { n: line[1]! }) : field;
}

/** A refusal with the server's problems one per line (a CSV import says which line and why). */
export function Problems(props: { error: string | null; problems: FieldProblem[] }) {
  // A problem of the whole file (field "file") is the error itself, said above.
  const problems = props.problems.filter((p) => p.field !== 'file');
  // The alert is in the page before a refusal, empty, so that the refusal is announced (Feedback).
  return (
    <div class="error" role="alert">
      {props.error && <p>{props.error}</p>}
      {props.error && problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li key={`${p.field}${p.message}`}>
              {problemField(p.field)}
              {locale.value === 'zh' ? '：' : ': '}
              {describeError(null, p)}
              {locale.value === 'zh' && p.code !== 'INVALID_CSV' && (
                <span class="muted">（{p.message}）</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A table's box that scrolls sideways when the table is wider than the screen (a phone). Only
 * then is it a named region in the tab order, so that a keyboard can scroll it (WCAG 2.1.1);
 * a table that fits adds no tab stop and no landmark.
 */
export function TableWrap(props: { label: string; children: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      class="table-wrap"
      {...(scrolls
        ? { tabIndex: 0, role: 'region', 'aria-label': t('tableNamed', { name: props.label }) }
        : {})}
    >
      {props.children}
    </div>
  );
}
