/** Who came to a session's lobby, when and for how long, with the CSV (hosts and organizers). */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Feedback, TableWrap } from '../components';
import { clockIn } from '../dates';
import { describeError } from '../errors';
import { t } from '../i18n';
import { city } from '../places';

interface Line {
  participantId: string;
  name: string;
  organisation: string;
  city: string;
  role: string;
  firstJoinedAt: string;
  lastLeftAt: string | null;
  minutesPresent: number;
  minutesAdmitted: number;
  visits: number;
  present: boolean;
  removed: boolean;
}

/** `zone` and `city` are the reader's: the times are theirs, and the page says so. */
export function Attendance(props: { sessionId: string; zone: string; city: string }) {
  const [lines, setLines] = useState<Line[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<Line[]>('GET', `/api/sessions/${props.sessionId}/attendance`).then(setLines, (err) =>
      setError(describeError(err)),
    );
  useEffect(() => {
    void load();
  }, [props.sessionId]);
  return (
    <section class="card" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('attendanceTitle')}</h2>
      <div class="actions">
        <a href={`/api/sessions/${props.sessionId}/attendance.csv`} download>
          {t('downloadCsv')}
        </a>
        <button type="button" class="secondary" onClick={() => void load()}>
          {t('refresh')}
        </button>
      </div>
      <Feedback error={error} />
      {lines && lines.length > 0 && <p class="help">{t('attendanceTimesIn', { city: city(props.city) })}</p>}
      {lines && lines.length === 0 && <p class="muted">{t('attendanceNone')}</p>}
      {lines && lines.length > 0 && (
        <TableWrap label={t('attendanceTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('attendanceFirst')}</th>
                <th scope="col">{t('attendanceLast')}</th>
                <th scope="col">{t('attendanceMinutes')}</th>
                <th scope="col">{t('attendanceVisits')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.participantId}>
                  <td>
                    {/* An erased account keeps its row, nameless, so that the counts stay. */}
                    {l.name || t('formerParticipant')} <span class="muted">{city(l.city)}</span>
                    {l.present && <span class="tag st-accepted">{t('attendanceHere')}</span>}
                    {l.removed && <span class="tag st-declined">{t('attendanceRemoved')}</span>}
                  </td>
                  <td>{clockIn(l.firstJoinedAt, props.zone)}</td>
                  <td>{l.lastLeftAt ? clockIn(l.lastLeftAt, props.zone) : '—'}</td>
                  <td>{l.minutesPresent}</td>
                  <td>{l.visits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
