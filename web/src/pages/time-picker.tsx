/**
 * A date and a time typed in the reader's zone, with the same instant shown in the other people's
 * cities as they type, so that an organizer in Rome sees at once that 09:00 is 16:00 in Kunming.
 */
import { useId } from 'preact/hooks';
import { dayAndClockIn } from '../dates';
import { locale, t } from '../i18n';
import { cityName } from '../places';
import { zonedInstant } from '../zoned';

export interface TimeValue {
  date: string;
  time: string;
}

export function TimePicker(props: {
  value: TimeValue;
  onChange: (v: TimeValue) => void;
  zone: string;
  /** Other places to show the chosen time in. */
  elsewhere: { city: string; timeZone: string }[];
  error?: string;
}) {
  const id = useId();
  const at = zonedInstant(props.value.date, props.value.time, props.zone);
  const places = [
    ...new Map(props.elsewhere.filter((p) => p.timeZone !== props.zone).map((p) => [p.timeZone, p])).values(),
  ];
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <div class="row">
        <label for={`${id}-date`}>
          {t('date')}
          <input
            id={`${id}-date`}
            type="date"
            required
            value={props.value.date}
            onInput={(e) => props.onChange({ ...props.value, date: e.currentTarget.value })}
          />
        </label>
        <label for={`${id}-time`}>
          {t('startTime', { zone: props.zone })}
          <input
            id={`${id}-time`}
            type="time"
            step={900}
            required
            value={props.value.time}
            aria-describedby={props.error ? `${id}-err` : `${id}-elsewhere`}
            onInput={(e) => props.onChange({ ...props.value, time: e.currentTarget.value })}
          />
        </label>
      </div>
      <p class="help" id={`${id}-elsewhere`} aria-live="polite">
        {at !== null &&
          places.map((p) => `${dayAndClockIn(at, p.timeZone)} ${cityName(p.city, locale.value)}`).join(' · ')}
      </p>
      <p class="error" id={`${id}-err`} role="alert">
        {props.error}
      </p>
    </div>
  );
}

/** The instant as ISO, or null while the fields are incomplete. */
export function timeValueIso(v: TimeValue, zone: string): string | null {
  const at = zonedInstant(v.date, v.time, zone);
  return at === null ? null : new Date(at).toISOString();
}
