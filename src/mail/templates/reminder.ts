/** The reminder before a session: when, in the reader's zone and the other side's, and the lobby. */
import { cityName } from '../../domain/city-names';
import { bilingual, type Locale, type RenderedMail } from './layout';
import { inCity, timeRange } from './when';

export interface ReminderMailInput {
  to: { name: string; locale: Locale; timeZone: string; city: string };
  title: string;
  startAt: number;
  endAt: number;
  offsetMinutes: number;
  others: { name: string; organisation: string; city: string; timeZone: string }[];
  lobbyUrl: string;
}

function lead(minutes: number, locale: Locale): string {
  const days = minutes % 1440 === 0 ? minutes / 1440 : 0;
  const hours = minutes % 60 === 0 ? minutes / 60 : 0;
  if (locale === 'zh') {
    if (days === 1) return '明天此时';
    return days ? `${days}天后` : hours ? `${hours}小时后` : `${minutes}分钟后`;
  }
  if (days) return days === 1 ? 'tomorrow at this time' : `in ${days} days`;
  if (hours) return hours === 1 ? 'in one hour' : `in ${hours} hours`;
  return `in ${minutes} minutes`;
}

export function reminderMail(p: ReminderMailInput): RenderedMail {
  // Cities in the reader's language, as in the invites.
  const mine = (locale: Locale) =>
    `${timeRange(p.startAt, p.endAt, p.to.timeZone, locale)}${inCity(p.to.city, locale)}`;
  const theirs = (locale: Locale) =>
    p.others.map((o) =>
      locale === 'zh'
        ? `${o.name}（${o.organisation}，${cityName(o.city, 'zh')}）：当地时间 ${timeRange(p.startAt, p.endAt, o.timeZone, locale)}`
        : `${o.name} (${o.organisation}, ${cityName(o.city, 'en')}): ${timeRange(p.startAt, p.endAt, o.timeZone, locale)} their time`,
    );
  return bilingual(p.to.locale, {
    en: {
      subject: `Reminder: ${p.title}`,
      greeting: `Hello ${p.to.name},`,
      paragraphs: [
        `“${p.title}” starts ${lead(p.offsetMinutes, 'en')}.`,
        `Your time: ${mine('en')}`,
        ...theirs('en'),
        'The lobby opens shortly before the start.',
      ],
      action: { label: 'Open the lobby', url: p.lobbyUrl },
    },
    zh: {
      subject: `提醒：${p.title}`,
      greeting: `${p.to.name}，您好：`,
      paragraphs: [
        `“${p.title}”将于${lead(p.offsetMinutes, 'zh')}开始。`,
        `您的时间：${mine('zh')}`,
        ...theirs('zh'),
        '会议大厅将在开始前开放。',
      ],
      action: { label: '进入会议大厅', url: p.lobbyUrl },
    },
  });
}
