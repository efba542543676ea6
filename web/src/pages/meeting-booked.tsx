/** On a request or a match: the meeting booked from the request, with a link to it. */
import { me } from '../api';
import { t } from '../i18n';
import { when } from './slot-finder';

export function MeetingBooked(props: { meeting: { sessionId: string; start: string; end: string } }) {
  const zone = me.value?.timeZone ?? 'UTC';
  return (
    <p class="meeting-booked">
      {t('meetingBookedFor', { when: when(props.meeting.start, props.meeting.end, zone) })}{' '}
      <a href={`/sessions/${props.meeting.sessionId}`}>{t('meetingBookedOpen')}</a>
    </p>
  );
}
