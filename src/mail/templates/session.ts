/** The mail that carries a session's invite, update or cancellation, with both local times. */
import { cityName } from '../../domain/city-names';
import { bilingual, type Locale, type RenderedMail } from './layout';
import { timeInCity } from './when';

export type SessionChange = 'new' | 'changed' | 'cancelled' | 'registered';

/**
 * Who or what cancelled a session, for the cancellation's reader. A person is named; when nobody
 * in the session did it, the mail says what happened instead of naming nobody.
 */
export type CancelledBy =
  | { by: 'person'; name: string; organisation: string; you: boolean }
  /** A programme organizer who is not in the session. */
  | { by: 'organizer' }
  /** The last person (or host) who could hold it erased their account. */
  | { by: 'account-closed' }
  /** An event's organizers published a schedule without this meeting. */
  | { by: 'event-schedule' }
  /** An event's organizers removed this meeting from the event. */
  | { by: 'event-removed' };

/**
 * A description longer than this is cut in the mail (at a word where there is one): the invite
 * must show its times and answer buttons without scrolling on a phone, and the calendar entry
 * attached to the same mail carries the full text anyway, so the mail says so.
 */
export const DESCRIPTION_MAX = 600;

function shortened(description: string): { text: string; cut: boolean } {
  const chars = Array.from(description.trim());
  if (chars.length <= DESCRIPTION_MAX) return { text: chars.join(''), cut: false };
  const head = chars.slice(0, DESCRIPTION_MAX).join('');
  // Latin text is cut after a whole word; Chinese, with no spaces, at the limit.
  const space = head.search(/\s\S*$/);
  const kept = space > DESCRIPTION_MAX * 0.7 ? head.slice(0, space) : head;
  return { text: `${kept.trimEnd()}…`, cut: true };
}

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
  /** For updates: the time before the change (the same when only the title or video link changed). */
  previous?: { startAt: number; endAt: number };
  /** For cancellations: who or what cancelled it (absent: the mail does not say). */
  cancelledBy?: CancelledBy;
  /** What the session is about (a webinar's description, a meeting's agenda). */
  description?: string;
}

export function sessionMail(p: InviteMailInput): RenderedMail {
  const zones = [
    { city: p.to.city, zone: p.to.timeZone },
    ...p.others.filter((o) => o.timeZone !== p.to.timeZone).map((o) => ({ city: o.city, zone: o.timeZone })),
  ].filter((z, i, all) => all.findIndex((x) => x.zone === z.zone) === i);
  const times = (locale: Locale) => zones.map((z) => timeInCity(p.startAt, p.endAt, z.zone, z.city, locale));
  const with_ = (locale: Locale) =>
    p.others.map((o) =>
      locale === 'zh'
        ? `${o.name}（${o.organisation}，${cityName(o.city, 'zh')}）`
        : `${o.name} (${o.organisation}, ${cityName(o.city, 'en')})`,
    );
  const moved =
    p.change === 'changed' &&
    p.previous !== undefined &&
    (p.previous.startAt !== p.startAt || p.previous.endAt !== p.endAt);
  // Told the time before and it is the same: only the title or the video link changed.
  const sameTime = p.previous !== undefined && !moved;
  // Only in the reader's own zone: the other zones' new times are listed, the old ones would crowd.
  const was = (locale: Locale) =>
    p.previous ? timeInCity(p.previous.startAt, p.previous.endAt, p.to.timeZone, p.to.city, locale) : '';
  const about = p.change === 'cancelled' ? null : p.description?.trim() ? shortened(p.description) : null;
  const cancelledBy = (locale: Locale): string[] => {
    const c = p.change === 'cancelled' ? p.cancelledBy : undefined;
    if (!c) return [];
    const zh = locale === 'zh';
    switch (c.by) {
      case 'person':
        if (c.you) return [zh ? '此日程由您取消。' : 'You cancelled it.'];
        return [
          zh ? `取消人：${c.name}（${c.organisation}）` : `Cancelled by: ${c.name} (${c.organisation})`,
        ];
      case 'organizer':
        return [zh ? '由项目组织方取消。' : 'Cancelled by the programme’s organizers.'];
      case 'account-closed':
        return [
          zh
            ? '一位参与者注销了账户，此日程因此自动取消。'
            : 'Cancelled automatically: a participant closed their account.',
        ];
      case 'event-schedule':
        return [
          zh
            ? '活动组织方发布了新的日程安排，其中不再包含此会议。'
            : 'Cancelled by the event’s organizers: their new schedule no longer includes this meeting.',
        ];
      case 'event-removed':
        return [
          zh
            ? '活动组织方已将此会议从活动中移除。'
            : 'The event’s organizers removed this meeting from the event.',
        ];
    }
  };
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
            ? sameTime
              ? `“${p.title}” has changed. Your calendar updates the same entry.`
              : `“${p.title}” has a new time. Your calendar updates the same entry.`
            : p.change === 'registered'
              ? `You are registered for “${p.title}”. Your calendar shows it as accepted.`
              : `You are invited to “${p.title}”.`,
        ...cancelledBy('en'),
        ...times('en'),
        ...(moved ? [`Was: ${was('en')}`] : []),
        ...(about
          ? [about.text, ...(about.cut ? ['The full description is in the calendar entry.'] : [])]
          : []),
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
            ? sameTime
              ? `“${p.title}”已更新，日历会更新同一条日程。`
              : `“${p.title}”的时间已更改，日历会更新同一条日程。`
            : p.change === 'registered'
              ? `您已报名参加“${p.title}”，日历中显示为已接受。`
              : `诚邀您参加“${p.title}”。`,
        ...cancelledBy('zh'),
        ...times('zh'),
        ...(moved ? [`原定时间：${was('zh')}`] : []),
        ...(about ? [about.text, ...(about.cut ? ['完整介绍见日历条目。'] : [])] : []),
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
