/**
 * The organizer's side of an event: import people from CSV, add must-meets, run the scheduler,
 * see what was placed and why not, move and lock meetings, publish, export the agenda.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type FieldProblem, me, postCsv } from '../api';
import { Problems } from '../components';
import { ConfirmButton } from '../confirm';
import { dayAndClockIn } from '../dates';
import { describeError } from '../errors';
import { aside, count, detailOf, listOf, locale, type MessageKey, t } from '../i18n';
import { city, zonePlace } from '../places';
import type { AdminMeeting, EventPageData } from './event';

interface RunResult {
  placed: number;
  unplaced: number;
  weight: number;
  breaks: number;
  ms: number;
}
interface PublishResult {
  created: number;
  moved: number;
  cancelled: number;
  conflicts: string[];
}

/**
 * A refusal about one meeting. In Chinese the codes' texts are general ("someone cannot make the
 * slot…"): the server's own words follow, as for a form's problems, since they name who and why.
 */
function rowRefusal(err: unknown): string {
  const text = describeError(err);
  return locale.value === 'zh' && err instanceof ApiError && err.code !== 'NETWORK' && err.message
    ? `${text}（${err.message}）`
    : text;
}

/**
 * Why a meeting was left out, as far as the server can tell: by name when someone has no free
 * slot left, or is booked at every time both can make; otherwise only that each such time holds
 * a meeting of one of the two (not always the same one).
 */
function unplacedReason(m: AdminMeeting): string {
  const names = (ids: string[]) => listOf(ids.map((id) => m.people.find((p) => p.id === id)?.name ?? ''));
  if (m.noFreeSlot?.length) return t('reason_PEOPLE_FULL_noFreeSlot', { who: names(m.noFreeSlot) });
  if (m.full?.length === 1) return t('reason_PEOPLE_FULL_who', { who: names(m.full) });
  if (m.full?.length) return t('reason_PEOPLE_FULL_each');
  return t(`reason_${m.reason}` as MessageKey);
}

function MeetingRow(props: {
  m: AdminMeeting;
  data: EventPageData;
  zone: string;
  onChange: () => void;
  /** Says that the meeting was removed (the row is gone, so the table's card says it). */
  onRemoved: (note: string) => void;
}) {
  const { m } = props;
  // A refusal is shown in the row it is about: on a phone the panel's own message is screens away.
  const [problem, setProblem] = useState<string | null>(null);
  /**
   * A refused change puts the control back as the meeting stands (a select or number the page
   * renders with an unchanged value would otherwise keep showing what was refused).
   */
  const patch = async (body: Record<string, unknown>, control?: HTMLInputElement | HTMLSelectElement) => {
    try {
      await api('PATCH', `/api/events/${props.data.event.id}/meetings/${m.id}`, body);
      setProblem(null);
      props.onChange();
    } catch (err) {
      if (control instanceof HTMLSelectElement) control.value = m.slot ?? '';
      else if (control?.type === 'checkbox') control.checked = m.locked;
      else if (control) control.value = String(m.weight);
      setProblem(rowRefusal(err));
    }
  };
  const remove = async () => {
    try {
      await api('DELETE', `/api/events/${props.data.event.id}/meetings/${m.id}`);
      const [a = '', b = ''] = m.people.map((p) => p.name);
      props.onRemoved(t(m.sessionId ? 'eventMeetingRemovedMailed' : 'eventMeetingRemoved', { a, b }));
      props.onChange();
    } catch (err) {
      setProblem(rowRefusal(err));
    }
  };
  const label = m.people.map((p) => p.organisation || p.name).join(' · ');
  return (
    <tr>
      <td class="meeting-who">
        {m.people.map((p) => (
          <div key={p.id}>
            {p.name}
            <span class="muted">{aside(city(p.city))}</span>
          </div>
        ))}
        {m.mustMeet && <span class="tag">{t('eventMustMeet')}</span>}
      </td>
      <td class="meeting-slot" data-label={t('eventSlot')}>
        <select
          aria-label={t('eventSlotFor', { who: label })}
          value={m.slot ?? ''}
          onChange={(e) => void patch({ slot: e.currentTarget.value || null }, e.currentTarget)}
        >
          <option value="">{t('eventNotPlaced')}</option>
          {props.data.slots.map((s) => (
            <option key={s.id} value={s.id}>
              {dayAndClockIn(s.start, props.zone)}
            </option>
          ))}
        </select>
        {m.reason && <div class="muted">{unplacedReason(m)}</div>}
        {m.cannotMake?.length ? (
          <div class="error">
            {t('eventCannotMakeSlot', {
              who: listOf(m.cannotMake.map((id) => m.people.find((p) => p.id === id)?.name ?? '')),
            })}
          </div>
        ) : null}
        <div class="error" role="alert">
          {problem}
        </div>
      </td>
      <td>
        <label>
          <input
            type="checkbox"
            checked={m.locked}
            disabled={!m.slot}
            onChange={(e) => void patch({ locked: e.currentTarget.checked }, e.currentTarget)}
          />{' '}
          {t('eventLocked')}
        </label>
      </td>
      <td data-label={t('eventWeight')}>
        <input
          type="number"
          min={1}
          max={100}
          class="narrow-number"
          aria-label={t('eventWeightFor', { who: label })}
          value={m.weight}
          onChange={(e) => void patch({ weight: Number(e.currentTarget.value) }, e.currentTarget)}
        />
      </td>
      <td>{m.sessionId ? <a href={`/sessions/${m.sessionId}/lobby`}>{t('eventSession')}</a> : ''}</td>
      <td>
        <ConfirmButton
          class="link"
          label={t('remove')}
          ariaLabel={t('eventRemoveMeeting', { who: label })}
          title={t('confirmRemoveMeetingTitle')}
          body={
            <p>
              {m.sessionId
                ? t('confirmRemoveMeetingBody', { names: listOf(m.people.map((p) => p.name)) })
                : t('confirmRemoveMeetingDraftBody')}
            </p>
          }
          confirmLabel={t('confirmRemoveYes')}
          onConfirm={() => remove()}
        />
      </td>
    </tr>
  );
}

/** How many meetings the table shows at first, and how many more each press of its button adds. */
export const MEETINGS_PAGE = 50;
type MeetingFilter = 'all' | 'unplaced' | 'placed' | 'cannotMake';
/** Which meetings each choice of the list keeps: one definition for the list and its counts. */
const MEETING_FILTERS: Record<MeetingFilter, (m: AdminMeeting) => boolean> = {
  all: () => true,
  unplaced: (m) => !m.slot,
  placed: (m) => Boolean(m.slot),
  cannotMake: (m) => Boolean(m.cannotMake?.length),
};

/** Whether a person is found by what an organizer types: name, organisation or city, any case. */
function personMatches(p: AdminMeeting['people'][number], needle: string): boolean {
  return [p.name, p.organisation, p.city, city(p.city)].some((v) => v?.toLowerCase().includes(needle));
}

export function EventAdmin(props: { id: string; data: EventPageData; onChange: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pair, setPair] = useState<[string, string]>(['', '']);
  const [pickQuery, setPickQuery] = useState<[string, string]>(['', '']);
  /** What became of the last change to the list of meetings, said beside that list. */
  const [meetingNote, setMeetingNote] = useState<{ text: string; error?: boolean } | null>(null);
  const zone = me.value?.timeZone ?? 'UTC';
  // By name, in the reader's language: people imported together joined at one instant, and the
  // server's order among them is no order a reader can follow in a list of hundreds.
  const collator = new Intl.Collator(locale.value, { numeric: true });
  const people = [...(props.data.participants ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const meetings = props.data.meetings ?? [];
  // Hundreds of meetings in one table (each with its choice of slots) take seconds to draw and
  // cannot be read: the table shows a page at a time, narrowed by a search and by what became of them.
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<MeetingFilter>('all');
  const [limit, setLimit] = useState(MEETINGS_PAGE);
  const needle = query.trim().toLowerCase();
  const counts = {
    all: meetings.length,
    unplaced: meetings.filter(MEETING_FILTERS.unplaced).length,
    placed: meetings.filter(MEETING_FILTERS.placed).length,
    cannotMake: meetings.filter(MEETING_FILTERS.cannotMake).length,
  };
  const listed = meetings.filter(
    (m) => MEETING_FILTERS[filter](m) && (!needle || m.people.some((p) => personMatches(p, needle))),
  );
  const shown = listed.slice(0, limit);
  // The same for the people: three hundred rows are found by a search, not by scrolling.
  const [peopleQuery, setPeopleQuery] = useState('');
  const [peopleLimit, setPeopleLimit] = useState(MEETINGS_PAGE);
  const peopleNeedle = peopleQuery.trim().toLowerCase();
  const peopleListed = peopleNeedle ? people.filter((p) => personMatches(p, peopleNeedle)) : people;
  const peopleShown = peopleListed.slice(0, peopleLimit);
  // The buttons are disabled while an action runs, which drops the keyboard focus on the page's
  // body; when the action is over, the focus goes back where it was (or where the action says).
  const returnFocus = useRef<HTMLElement | null>(null);
  const firstPerson = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const el = returnFocus.current;
    if (busy || !el) return;
    returnFocus.current = null;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost && el.isConnected && !(el as HTMLButtonElement).disabled) el.focus();
  }, [busy]);
  const guard = async (fn: () => Promise<void>) => {
    setError(null);
    setProblems([]);
    setStatus(null);
    const active = document.activeElement;
    returnFocus.current = active instanceof HTMLElement && active !== document.body ? active : null;
    setBusy(true);
    try {
      await fn();
      props.onChange();
    } catch (err) {
      setError(describeError(err));
      if (err instanceof ApiError) setProblems(err.details);
    } finally {
      setBusy(false);
    }
  };
  const run = () =>
    guard(async () => {
      const r = await api<RunResult>('POST', `/api/events/${props.id}/schedule`);
      setStatus(
        t('eventRunDone', {
          placed: count(r.placed),
          unplaced: count(r.unplaced),
          breaks: count(r.breaks),
        }),
      );
    });
  const publish = () =>
    guard(async () => {
      const r = await api<PublishResult>('POST', `/api/events/${props.id}/publish`);
      setStatus(
        t('eventPublishDone', {
          created: count(r.created),
          moved: count(r.moved),
          cancelled: count(r.cancelled),
          conflicts: count(r.conflicts.length),
        }),
      );
    });
  const importCsv = (file: File) =>
    guard(async () => {
      const r = await postCsv<{ added: number; registered: number }>(
        `/api/events/${props.id}/participants.csv`,
        await file.text(),
      );
      setStatus(t('eventImported', { added: count(r.added), registered: count(r.registered) }));
    });
  const addMeeting = (e: Event) => {
    e.preventDefault();
    const [a = '', b = ''] = pair.map((id) => people.find((p) => p.id === id)?.name ?? '');
    setMeetingNote(null);
    void guard(async () => {
      try {
        await api('POST', `/api/events/${props.id}/meetings`, { participants: pair, mustMeet: true });
      } catch (err) {
        setMeetingNote({ text: describeError(err), error: true });
        return;
      }
      setMeetingNote({ text: t('eventMustMeetAdded', { a, b }) });
      setPair(['', '']);
      // Its button is disabled until two people are chosen again: the next pair starts here.
      returnFocus.current = firstPerson.current;
    });
  };
  const perSlot = props.data.slots.filter((s) => s.meetings > 0);
  // What publishing mails now: an invite to both people of each placed meeting not yet published,
  // an update to both of each published one placed elsewhere since, a cancellation to both of each
  // published one taken out of the schedule.
  const slotStart = new Map(props.data.slots.map((s) => [s.id, Date.parse(s.start)]));
  const created = meetings.filter((m) => m.slot && !m.publishedStart).length;
  const moved = meetings.filter(
    (m) => m.slot && m.publishedStart && slotStart.get(m.slot) !== Date.parse(m.publishedStart),
  ).length;
  const dropped = meetings.filter((m) => !m.slot && m.publishedStart).length;
  const outgoing = {
    created: count(created),
    invites: count(created * 2),
    moved: count(moved),
    updates: count(moved * 2),
    cancellations: count(dropped * 2),
    mails: count((created + moved + dropped) * 2),
  };
  const bookedPairs = (props.data.event as { bookedPairs?: 'skip' | 'include' }).bookedPairs ?? 'skip';
  const setBookedPairs = (value: string) =>
    guard(async () => {
      await api('PATCH', `/api/events/${props.id}`, { bookedPairs: value });
    });
  return (
    <section class="admin" aria-labelledby="admin-title">
      <h2 id="admin-title">{t('eventAdmin')}</h2>
      <div class="card">
        <p>
          {t('eventSummary', {
            meetings: count(props.data.summary.meetings),
            placed: count(props.data.summary.placed),
            published: count(props.data.summary.published),
          })}
        </p>
        <p class="actions">
          <button type="button" disabled={busy} onClick={() => void run()}>
            {t('eventRun')}
          </button>{' '}
          <ConfirmButton
            disabled={busy || props.data.summary.placed === 0}
            danger={false}
            label={t('eventPublish')}
            title={t('confirmPublishTitle')}
            body={<p>{t('confirmPublishBody', outgoing)}</p>}
            confirmLabel={t(moved + dropped > 0 ? 'confirmPublishYesMails' : 'confirmPublishYes', outgoing)}
            onConfirm={() => publish()}
          />{' '}
          <a class="button secondary" href={`/api/events/${props.id}/agenda.csv`} download>
            {t('eventAgendaCsvAll')}
          </a>
        </p>
        <p class="help">{t('eventRunHelp')}</p>
        <label class="inline-setting">
          {t('eventBookedPairs')}{' '}
          <select
            value={bookedPairs}
            disabled={busy}
            onChange={(e) => void setBookedPairs(e.currentTarget.value)}
          >
            <option value="skip">{t('eventBookedPairsSkip')}</option>
            <option value="include">{t('eventBookedPairsInclude')}</option>
          </select>
        </label>
        <p class="status" role="status">
          {status}
        </p>
        <Problems error={error} problems={problems} />
      </div>

      {perSlot.length > 0 && (
        <div class="card">
          <h3>{t('eventPerSlot')}</h3>
          <p class="help">{t('eventTimesIn', { zone: zonePlace(zone) })}</p>
          <ul class="per-slot">
            {perSlot.map((s) => (
              <li key={s.id}>
                {dayAndClockIn(s.start, zone)}
                {locale.value === 'zh' ? '：' : ': '}
                <strong>{s.meetings}</strong>
                {props.data.event.parallelLimit !== null && ` / ${props.data.event.parallelLimit}`}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div class="card">
        <h3>{t('eventMeetings')}</h3>
        <p class="help">{t('eventTimesIn', { zone: zonePlace(zone) })}</p>
        <form class="row" onSubmit={addMeeting}>
          {[0, 1].map((i) => {
            // Three hundred names in one select cannot be read: what is typed beside it narrows it
            // (by name, organisation or city), keeping the one chosen.
            const narrow = pickQuery[i]!.trim().toLowerCase();
            const choices = narrow
              ? people.filter((p) => p.id === pair[i] || personMatches(p, narrow))
              : people;
            return (
              <div key={i} class="person-picker">
                <label>
                  {t(i === 0 ? 'eventPersonA' : 'eventPersonB')}{' '}
                  <select
                    ref={i === 0 ? firstPerson : undefined}
                    value={pair[i]}
                    onChange={(e) => {
                      const next: [string, string] = [...pair];
                      next[i] = e.currentTarget.value;
                      setPair(next);
                    }}
                  >
                    <option value="">
                      {narrow ? t('eventPickFound', { n: count(choices.length) }) : '—'}
                    </option>
                    {choices.map((p) => (
                      <option key={p.id} value={p.id}>
                        {t('nameWithDetail', {
                          name: p.name,
                          detail: detailOf([p.organisation, city(p.city)]),
                        })}
                      </option>
                    ))}
                  </select>
                </label>
                {people.length > MEETINGS_PAGE && (
                  <input
                    type="search"
                    value={pickQuery[i]}
                    aria-label={t(i === 0 ? 'eventFindPersonA' : 'eventFindPersonB')}
                    placeholder={t('eventFindMeetingHint')}
                    onInput={(e) => {
                      const next: [string, string] = [...pickQuery];
                      next[i] = e.currentTarget.value;
                      setPickQuery(next);
                    }}
                  />
                )}
              </div>
            );
          })}
          <button type="submit" disabled={busy || !pair[0] || !pair[1]}>
            {t('eventAddMustMeet')}
          </button>
        </form>
        <p class="status" role="status">
          {meetingNote && !meetingNote.error && meetingNote.text}
        </p>
        <p class="error" role="alert">
          {meetingNote?.error && meetingNote.text}
        </p>
        {meetings.length > 0 && (
          <div class="filters meeting-filters">
            <label>
              {t('eventFindMeeting')}{' '}
              <input
                type="search"
                value={query}
                placeholder={t('eventFindMeetingHint')}
                onInput={(e) => {
                  setQuery(e.currentTarget.value);
                  setLimit(MEETINGS_PAGE);
                }}
              />
            </label>
            <label>
              {t('eventShowMeetings')}{' '}
              <select
                value={filter}
                onChange={(e) => {
                  setFilter(e.currentTarget.value as MeetingFilter);
                  setLimit(MEETINGS_PAGE);
                }}
              >
                {(['all', 'unplaced', 'placed', 'cannotMake'] as const).map((f) => (
                  <option key={f} value={f}>
                    {t(`eventShow_${f}`, { n: count(counts[f]) })}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        {meetings.length > 0 && (
          <p class="muted" aria-live="polite">
            {t('eventMeetingsShown', { shown: count(shown.length), n: count(listed.length) })}
          </p>
        )}
        <div class="table-wrap">
          <table class="meetings-table">
            <thead>
              <tr>
                <th scope="col">{t('eventWho')}</th>
                <th scope="col">{t('eventSlot')}</th>
                <th scope="col">{t('eventLockedColumn')}</th>
                <th scope="col">{t('eventWeight')}</th>
                <th scope="col">{t('eventSession')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => (
                <MeetingRow
                  key={m.id}
                  m={m}
                  data={props.data}
                  zone={zone}
                  onChange={props.onChange}
                  onRemoved={(note) => setMeetingNote({ text: note })}
                />
              ))}
            </tbody>
          </table>
        </div>
        {listed.length > shown.length && (
          <p>
            <button type="button" class="secondary" onClick={() => setLimit(limit + MEETINGS_PAGE)}>
              {t('eventShowMore', { n: count(Math.min(MEETINGS_PAGE, listed.length - shown.length)) })}
            </button>
          </p>
        )}
        {meetings.length === 0 && <p class="muted">{t('eventNoMeetings')}</p>}
      </div>

      <div class="card">
        <h3 id="event-people-title">{t('eventPeople', { n: count(people.length) })}</h3>
        <label class="file">
          {t('eventImportCsv')}{' '}
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void importCsv(f);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <p class="help">{t('eventImportHelp')}</p>
        {people.length > 0 && (
          <div class="filters people-filters">
            <label>
              {t('eventFindPerson')}{' '}
              <input
                type="search"
                value={peopleQuery}
                placeholder={t('eventFindMeetingHint')}
                onInput={(e) => {
                  setPeopleQuery(e.currentTarget.value);
                  setPeopleLimit(MEETINGS_PAGE);
                }}
              />
            </label>
          </div>
        )}
        {people.length > 0 && (
          <p class="muted" aria-live="polite">
            {t('eventPeopleShown', { shown: count(peopleShown.length), n: count(peopleListed.length) })}
          </p>
        )}
        {/* On a phone the table may scroll sideways: its box takes the keyboard focus for that. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex lint/a11y/useSemanticElements: a scroll area must take focus to be scrolled by keyboard (WCAG 2.1.1) */}
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="event-people-title">
          <table class="event-people listing">
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('organisation')}</th>
                <th scope="col">{t('city')}</th>
                <th scope="col">{t('eventPlacedOf')}</th>
                <th scope="col">{t('eventCannotMake')}</th>
              </tr>
            </thead>
            <tbody>
              {peopleShown.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.organisation}</td>
                  <td>
                    {city(p.city)} <span class="muted">{p.timeZone}</span>
                  </td>
                  <td>
                    {p.placed} / {p.meetings}
                  </td>
                  <td>{p.unavailable}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {peopleListed.length > peopleShown.length && (
          <p>
            <button
              type="button"
              class="secondary"
              onClick={() => setPeopleLimit(peopleLimit + MEETINGS_PAGE)}
            >
              {t('eventShowMorePeople', {
                n: count(Math.min(MEETINGS_PAGE, peopleListed.length - peopleShown.length)),
              })}
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
