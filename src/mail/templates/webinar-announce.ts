/** "A webinar you can attend": the announcement an organizer sends to the people it suits. */
import { cityName } from '../../domain/city-names';
import { bilingual, type Locale, type RenderedMail } from './layout';
import { localTimeRange } from './when';

export function webinarAnnounceMail(p: {
  to: { name: string; city: string; timeZone: string; locale: Locale };
  title: string;
  description: string;
  startAt: number;
  endAt: number;
  hosts: { name: string; organisation: string }[];
  link: string;
}): RenderedMail {
  // The date with its year (an announcement may come months ahead) and the reader's own city,
  // which says more to them than "GMT+2".
  const hosts = (locale: Locale) =>
    p.hosts
      .map((h) => (locale === 'zh' ? `${h.name}（${h.organisation}）` : `${h.name} (${h.organisation})`))
      .join(locale === 'zh' ? '；' : '; ');
  return bilingual(p.to.locale, {
    en: {
      subject: `Webinar: ${p.title}`,
      greeting: `Hello ${p.to.name},`,
      paragraphs: [
        `A webinar at a time inside your working hours: “${p.title}”.`,
        `${localTimeRange(p.startAt, p.endAt, p.to.timeZone, 'en')} (your time, ${cityName(p.to.city, 'en')})`,
        ...(p.hosts.length ? [`Hosted by ${hosts('en')}.`] : []),
        ...(p.description ? [p.description] : []),
      ],
      action: { label: 'See it and register', url: p.link },
    },
    zh: {
      subject: `网络研讨会：${p.title}`,
      greeting: `${p.to.name}，您好：`,
      paragraphs: [
        `一场在您工作时间内的网络研讨会：“${p.title}”。`,
        `${localTimeRange(p.startAt, p.endAt, p.to.timeZone, 'zh')}（您的时间，${cityName(p.to.city, 'zh')}）`,
        ...(p.hosts.length ? [`主持人：${hosts('zh')}。`] : []),
        ...(p.description ? [p.description] : []),
      ],
      action: { label: '查看并报名', url: p.link },
    },
  });
}
