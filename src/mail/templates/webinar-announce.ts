/** "A webinar you can attend": the announcement an organizer sends to the people it suits. */
import { bilingual, type Locale, type RenderedMail } from './layout';

function when(start: number, end: number, zone: string, locale: Locale): string {
  const lang = locale === 'zh' ? 'zh-CN' : 'en-GB';
  const day = new Intl.DateTimeFormat(lang, {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
  const clock = new Intl.DateTimeFormat(lang, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return `${day.format(start)}, ${clock.format(start)}–${clock.format(end)}`;
}

export function webinarAnnounceMail(p: {
  to: { name: string; city: string; timeZone: string; locale: Locale };
  title: string;
  description: string;
  startAt: number;
  endAt: number;
  hosts: { name: string; organisation: string }[];
  link: string;
}): RenderedMail {
  const hosts = p.hosts.map((h) => `${h.name} (${h.organisation})`).join('; ');
  return bilingual(p.to.locale, {
    en: {
      subject: `Webinar: ${p.title}`,
      greeting: `Hello ${p.to.name},`,
      paragraphs: [
        `A webinar at a time inside your working hours: “${p.title}”.`,
        `${when(p.startAt, p.endAt, p.to.timeZone, 'en')} (your time, ${p.to.city})`,
        ...(hosts ? [`Hosted by ${hosts}.`] : []),
        ...(p.description ? [p.description] : []),
      ],
      action: { label: 'See it and register', url: p.link },
    },
    zh: {
      subject: `网络研讨会：${p.title}`,
      greeting: `${p.to.name}，您好：`,
      paragraphs: [
        `一场在您工作时间内的网络研讨会：“${p.title}”。`,
        `${when(p.startAt, p.endAt, p.to.timeZone, 'zh')}（您的时间，${p.to.city}）`,
        ...(hosts ? [`主持人：${hosts}。`] : []),
        ...(p.description ? [p.description] : []),
      ],
      action: { label: '查看并报名', url: p.link },
    },
  });
}
