/**
 * The question after a meeting (what came of it) and the follow-up months later: one link per
 * answer, each opening a page where one press sends it, with room for a note.
 */
import { FOLLOW_UP_STAGES, OUTCOME_RESULTS } from '../../db/schema';
import { cityName } from '../../domain/city-names';
import { bilingual, type Locale, type RenderedMail } from './layout';
import { timeInCity } from './when';

export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];
export type FollowUpStage = (typeof FOLLOW_UP_STAGES)[number];

export const RESULT_LABELS: Record<Locale, Record<OutcomeResult, string>> = {
  en: {
    'not-held': 'It did not take place',
    'no-interest': 'No shared interest',
    informative: 'Informative, no cooperation',
    'cooperation-possible': 'Cooperation possible',
  },
  zh: {
    'not-held': '会议未举行',
    'no-interest': '没有共同兴趣',
    informative: '有收获，但无合作',
    'cooperation-possible': '有合作可能',
  },
};

export const STAGE_LABELS: Record<Locale, Record<FollowUpStage, string>> = {
  en: {
    'no-contact': 'No further contact',
    'in-talks': 'In talks',
    agreement: 'Agreement reached',
    'mou-signed': 'MoU or letter of intent signed',
    'pilot-launched': 'Pilot launched',
  },
  zh: {
    'no-contact': '之后没有联系',
    'in-talks': '正在洽谈',
    agreement: '已达成协议',
    'mou-signed': '已签署合作备忘录或意向书',
    'pilot-launched': '试点已启动',
  },
};

export interface OutcomeMailInput {
  to: { name: string; locale: Locale; timeZone: string; city: string };
  title: string;
  startAt: number;
  endAt: number;
  others: { name: string; organisation: string; city: string }[];
  /** The page for each answer: opening it changes nothing, its button sends the answer. */
  linkFor: (answer: string) => string;
}

function withWhom(p: OutcomeMailInput, locale: Locale): string {
  return p.others
    .map((o) =>
      locale === 'zh'
        ? `${o.name}（${o.organisation}，${cityName(o.city, 'zh')}）`
        : `${o.name} (${o.organisation}, ${cityName(o.city, 'en')})`,
    )
    .join(locale === 'zh' ? '；' : '; ');
}

export function outcomeQuestionMail(p: OutcomeMailInput): RenderedMail {
  const when = (l: Locale) => timeInCity(p.startAt, p.endAt, p.to.timeZone, p.to.city, l);
  const choices = (l: Locale) =>
    OUTCOME_RESULTS.map((r) => ({ label: RESULT_LABELS[l][r], url: p.linkFor(r) }));
  return bilingual(p.to.locale, {
    en: {
      subject: `What came of your meeting? ${p.title}`,
      greeting: `Hello ${p.to.name},`,
      paragraphs: [
        `Your meeting “${p.title}” on ${when('en')} with ${withWhom(p, 'en')} has ended.`,
        'What came of it? Choose one answer; the page it opens lets you add a note and send it with one press.',
      ],
      choices: choices('en'),
      footnote: 'Your answer helps the programme count what its meetings lead to.',
    },
    zh: {
      subject: `会议成果如何？${p.title}`,
      greeting: `${p.to.name}，您好：`,
      paragraphs: [
        `您与${withWhom(p, 'zh')}的会议“${p.title}”已经结束。会议时间：${when('zh')}。`,
        '会议有何成果？请选择一个答案；打开的页面上可以补充说明，一键提交。',
      ],
      choices: choices('zh'),
      footnote: '您的回答帮助项目统计会议带来的成果。',
    },
  });
}

export function followUpQuestionMail(p: OutcomeMailInput & { days: number }): RenderedMail {
  const when = (l: Locale) => timeInCity(p.startAt, p.endAt, p.to.timeZone, p.to.city, l);
  const choices = (l: Locale) =>
    FOLLOW_UP_STAGES.map((s) => ({ label: STAGE_LABELS[l][s], url: p.linkFor(s) }));
  return bilingual(p.to.locale, {
    en: {
      subject: `Where does the cooperation stand? ${p.title}`,
      greeting: `Hello ${p.to.name},`,
      paragraphs: [
        `${p.days} days ago, on ${when('en')}, you met ${withWhom(p, 'en')} (“${p.title}”) and saw a possibility of cooperation.`,
        'Where does it stand now? Choose one answer; the page it opens lets you add a note and send it with one press.',
      ],
      choices: choices('en'),
    },
    zh: {
      subject: `合作进展如何？${p.title}`,
      greeting: `${p.to.name}，您好：`,
      paragraphs: [
        `${p.days}天前，${when('zh')}，您与${withWhom(p, 'zh')}会面（“${p.title}”），当时认为有合作可能。`,
        '现在进展如何？请选择一个答案；打开的页面上可以补充说明，一键提交。',
      ],
      choices: choices('zh'),
    },
  });
}
