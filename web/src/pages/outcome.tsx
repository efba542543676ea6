/**
 * What came of a meeting. `/sessions/:id/outcome` and `/sessions/:id/follow-up` are the pages the
 * mailed links open: opening one changes nothing (mail scanners open links), its one button sends
 * the answer chosen in the mail, with a note. The same form sits on the session page after the end,
 * with who came and, when the other side did not, one press to book again.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ApiError, api } from '../api';
import { describeError } from '../errors';
import { detailOf, listOf, type MessageKey, t } from '../i18n';
import { city } from '../places';
import { when } from './slot-finder';

export const RESULTS = ['not-held', 'no-interest', 'informative', 'cooperation-possible'] as const;
export const STAGES = ['no-contact', 'in-talks', 'agreement', 'mou-signed', 'pilot-launched'] as const;
type Kind = 'outcome' | 'follow-up';

const label = (kind: Kind, value: string) =>
  t(`${kind === 'outcome' ? 'result' : 'stage'}_${value.replaceAll('-', '_')}` as MessageKey);

interface QuestionInfo {
  id: string;
  title: string;
  start: string;
  end: string;
  over: boolean;
  participantId: string;
  localStart: string;
  timeZone: string;
  others: { id: string; name: string; organisation: string; city: string }[];
  result: string | null;
  note: string;
  stage: string | null;
  stageNote: string;
}

/** The choices and the note, and the one button that sends them. */
export function AnswerForm(props: {
  sessionId: string;
  kind: Kind;
  initial: string | null;
  initialNote: string;
  link?: { participantId: string; token: string };
  onSaved?: (value: string) => void;
}) {
  const values: readonly string[] = props.kind === 'outcome' ? RESULTS : STAGES;
  const [choice, setChoice] = useState<string | null>(props.initial);
  const [note, setNote] = useState(props.initialNote);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      await api('PUT', `/api/sessions/${encodeURIComponent(props.sessionId)}/${props.kind}`, {
        [props.kind === 'outcome' ? 'result' : 'stage']: choice,
        note,
        ...(props.link ?? {}),
      });
      setSaved(true);
      props.onSaved?.(choice);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const noteId = `note-${props.kind}`;
  return (
    <form
      class="answer-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <fieldset>
        <legend>{t(props.kind === 'outcome' ? 'outcomeQuestion' : 'followUpQuestion')}</legend>
        {values.map((v) => (
          <label key={v} class="check choice">
            <input
              type="radio"
              name={`answer-${props.kind}`}
              value={v}
              checked={choice === v}
              onChange={() => {
                setChoice(v);
                setSaved(false);
              }}
            />
            {label(props.kind, v)}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for={noteId}>{t('outcomeNote')}</label>
        <textarea
          id={noteId}
          rows={3}
          maxLength={2000}
          value={note}
          aria-describedby={`${noteId}-help`}
          onInput={(e) => {
            setNote((e.target as HTMLTextAreaElement).value);
            setSaved(false);
          }}
        />
        <p class="help" id={`${noteId}-help`}>
          {t('outcomeNoteHelp')}
        </p>
      </div>
      <p class="error" role="alert">
        {error}
      </p>
      <p class="notice" role="status">
        {saved && t('outcomeSaved')}
      </p>
      <button type="submit" disabled={!choice || busy}>
        {t('outcomeSend')}
      </button>
    </form>
  );
}

/** The page a mailed answer link opens. */
export function OutcomeAnswer() {
  const { path, query } = useLocation();
  const [, , id = '', kindPart] = path.split('/');
  const kind: Kind = kindPart === 'follow-up' ? 'follow-up' : 'outcome';
  const link = query.p && query.t ? { participantId: query.p, token: query.t } : undefined;
  const [info, setInfo] = useState<QuestionInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const q = new URLSearchParams({ kind, ...(link ?? {}) });
    api<QuestionInfo>('GET', `/api/sessions/${encodeURIComponent(id)}/question?${q}`).then(setInfo, (err) =>
      setError(
        err instanceof ApiError && err.code === 'INVALID_ANSWER_LINK'
          ? t('outcomeBadLink')
          : describeError(err),
      ),
    );
  }, [id, kind, query.p, query.t]);
  const title = t(kind === 'outcome' ? 'outcomeTitle' : 'followUpTitle');
  if (!info) {
    return (
      <section class="card narrow">
        <h1>{title}</h1>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : (
          <p>{t('loading')}</p>
        )}
      </section>
    );
  }
  const asked = kind === 'outcome' ? query.result : query.stage;
  const values: readonly string[] = kind === 'outcome' ? RESULTS : STAGES;
  const initial = asked && values.includes(asked) ? asked : kind === 'outcome' ? info.result : info.stage;
  return (
    <section class="card narrow" aria-labelledby="outcome-title">
      <h1 id="outcome-title">{title}</h1>
      <p>
        <strong>{info.title}</strong>
      </p>
      <p class="muted">
        {when(info.start, info.end, info.timeZone)}
        {info.others.length > 0 &&
          ` · ${t('outcomeWith', { names: listOf(info.others.map((o) => t('nameWithDetail', { name: o.name, detail: detailOf([o.organisation, city(o.city)]) }))) })}`}
      </p>
      {info.over ? (
        <AnswerForm
          sessionId={info.id}
          kind={kind}
          initial={initial}
          initialNote={kind === 'outcome' ? info.note : info.stageNote}
          link={link}
        />
      ) : (
        <p class="notice">{t('outcomeNotOver')}</p>
      )}
    </section>
  );
}

export interface AfterMeetingData {
  attendance?: { participantId: string; present: boolean }[];
  outcomes?: { participantId: string; result: string | null; stage: string | null; note: string }[];
}

/** Who came, each one's answer, this reader's own answer, and a new booking when the other side did not come. */
export function AfterMeetingBox(props: {
  session: AfterMeetingData & {
    id: string;
    kind: string;
    people: { id: string; name: string }[];
  };
  viewerId: string;
}) {
  const { session, viewerId } = props;
  // A webinar's hosts read its attendance report instead; its attendees need no list of each other.
  if (!session.attendance || session.kind !== 'meeting') return null;
  const name = (id: string) => session.people.find((p) => p.id === id)?.name ?? '';
  const mine = session.outcomes?.find((o) => o.participantId === viewerId);
  const amIn = session.people.some((p) => p.id === viewerId);
  // The lobby is one venue among others: a meeting held by phone or in person leaves no stay
  // there. Whoever answered that it took place met; in a meeting of two, so did the other one.
  const saidHeld = (id: string) =>
    session.outcomes?.some((o) => o.participantId === id && o.result && o.result !== 'not-held') ?? false;
  const attendance = session.attendance;
  const met = (id: string) =>
    saidHeld(id) ||
    (attendance.length === 2 && attendance.some((a) => a.participantId !== id && saidHeld(a.participantId)));
  const elsewhere = session.attendance.filter((a) => !a.present && met(a.participantId));
  const absent = session.attendance.filter(
    (a) => !a.present && !met(a.participantId) && a.participantId !== viewerId,
  );
  const tag = (a: { participantId: string; present: boolean }) =>
    a.present ? 'attendancePresent' : met(a.participantId) ? 'attendanceElsewhere' : 'attendanceAbsent';
  return (
    <section class="card" aria-labelledby="after-title">
      <h2 id="after-title">{t('whoCameTitle')}</h2>
      <ul class="plain attendance-list">
        {session.attendance.map((a) => (
          <li key={a.participantId}>
            {t('attendanceOf', { name: name(a.participantId) })}
            <span class={`tag ${tag(a) === 'attendanceAbsent' ? 'answer-declined' : 'answer-accepted'}`}>
              {t(tag(a))}
            </span>
          </li>
        ))}
      </ul>
      {elsewhere.length > 0 && <p class="muted">{t('heldElsewhere')}</p>}
      {amIn && absent.length > 0 && (
        <div class="actions">
          {absent.map((a) => (
            <a
              key={a.participantId}
              class="button"
              href={`/schedule?with=${encodeURIComponent(a.participantId)}`}
            >
              {t('bookAgain', { name: name(a.participantId) })}
            </a>
          ))}
        </div>
      )}
      {(session.outcomes ?? [])
        .filter((o) => o.participantId !== viewerId && o.result)
        .map((o) => (
          <p key={o.participantId} class="muted">
            {t('theirOutcome', { name: name(o.participantId), answer: label('outcome', o.result!) })}
          </p>
        ))}
      {amIn && (
        <>
          <h2>{t('outcomeTitle')}</h2>
          <AnswerForm
            sessionId={session.id}
            kind="outcome"
            initial={mine?.result ?? null}
            initialNote={mine?.note ?? ''}
          />
          {mine?.result === 'cooperation-possible' && (
            <AnswerForm sessionId={session.id} kind="follow-up" initial={mine.stage} initialNote="" />
          )}
        </>
      )}
    </section>
  );
}
