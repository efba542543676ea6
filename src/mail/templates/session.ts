/** The mail that carries a session's invite, update or cancellation, with both local times. */
import { cityName } from '../../domain/city-names';
import { bilingual, type Locale, type RenderedMail } from './layout';
import { formatter } from './when';

export type SessionChange = 'new' | 'changed' | 'cancelled' | 'registered';

export interface InviteMailInput {
  to: { name: string; locale: Locale; timeZone: string; city: string };
  change: SessionChange;
  title: string;
  startAt: number;
  endAt: number;
  others: { name: string; organisation: string; city: string; timeZone: string }[];
  lobbyUrl: string;
  icsUrl: string;
  /** Links that answer the invite for this person without signing in (absent for cancellations). */
  acceptUrl?: string;
  declineUrl?: string;
}

function when(ms: number, end: number, zone: string, locale: Locale): string {
  return `${formatter(locale, zone, true).format(ms)}–${formatter(locale, zone, false, false).format(end)}`;
}

export function sessionMail(p: InviteMailInput): RenderedMail {
  const zones = [
    { city: p.to.city, zone: p.to.timeZone },
    ...p.others.filter((o) => o.timeZone !== p.to.timeZone).map((o) => ({ city: o.city, zone: o.timeZone })),
  ].filter((z, i, all) => all.findIndex((x) => x.zone === z.zone) === i);
  const times = (locale: Locale) =>
    zones.map((z) => `${when(p.startAt, p.endAt, z.zone, locale)} (${cityName(z.city, locale)})`);
  const with_ = (locale: Locale) =>
    p.others.map((o) =>
      locale === 'zh'
        ? `${o.name}（${o.organisation}，${cityName(o.city, 'zh')}）`
        : `${o.name} (${o.organisation}, ${cityName(o.city, 'en')})`,
    );
  const subjects = {
    en: { new: 'Invitation', changed: 'Updated', cancelled: 'Cancelled', registered: 'Registered' },
    zh: { new: '邀请', changed: '已更新', cancelled: '已取消', registered: '已报名' },
  };
  return bilingual(p.to.locale, {
    en: {
      subject: `${subjects.en[p.change]}: ${p.title}`,
      greeting: `Hello ${p.to.name},`,
      paragraphs: [
        p.change === 'cancelled'
          ? `“${p.title}” is cancelled. Your calendar removes it when you open the attached update.`
          : p.change === 'changed'
            ? `“${p.title}” has a new time. Your calendar updates the same entry.`
            : p.change === 'registered'
              ? `You are registered for “${p.title}”. Your calendar shows it as accepted.`
              : `You are invited to “${p.title}”.`,
        ...times('en'),
        ...(p.others.length ? [`With: ${with_('en').join('; ')}`] : []),
        ...(p.change === 'cancelled' ? [] : ['The lobby opens shortly before the start.']),
      ],
      // Links, not bare addresses: buttons in the HTML part, one "label: address" line in the text.
      choices: [
        ...(p.acceptUrl && p.declineUrl
          ? [
              { label: 'Accept', url: p.acceptUrl },
              { label: 'Decline', url: p.declineUrl },
            ]
          : []),
        { label: 'Calendar file', url: p.icsUrl },
      ],
      ...(p.change === 'cancelled' ? {} : { action: { label: 'Open the lobby', url: p.lobbyUrl } }),
    },
    zh: {
      subject: `${subjects.zh[p.change]}：${p.title}`,
      greeting: `${p.to.name}，您好：`,
      paragraphs: [
        p.change === 'cancelled'
          ? `“${p.title}”已取消。打开附件中的更新后，日历会删除此日程。`
          : p.change === 'changed'
            ? `“${p.title}”的时间已更改，日历会更新同一条日程。`
            : p.change === 'registered'
              ? `您已报名参加“${p.title}”，日历中显示为已接受。`
              : `诚邀您参加“${p.title}”。`,
        ...times('zh'),
        ...(p.others.length ? [`参与者：${with_('zh').join('；')}`] : []),
        ...(p.change === 'cancelled' ? [] : ['会议大厅将在开始前开放。']),
      ],
      choices: [
        ...(p.acceptUrl && p.declineUrl
          ? [
              { label: '接受', url: p.acceptUrl },
              { label: '拒绝', url: p.declineUrl },
            ]
          : []),
        { label: '日历文件', url: p.icsUrl },
      ],
      ...(p.change === 'cancelled' ? {} : { action: { label: '进入会议大厅', url: p.lobbyUrl } }),
    },
  });
}
