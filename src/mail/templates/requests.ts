/** Mails of the meeting-request flow, in the reader's language first. */
import { cityName } from '../../domain/city-names';
import { bilingual, type Locale, type RenderedMail } from './layout';

interface Person {
  name: string;
  organisation: string;
  city: string;
}

/** "来自昆明的李娜（康美昆明健康城）": the city in Chinese script, kept apart from the organisation. */
const zhWho = (p: Person) => `来自${cityName(p.city, 'zh')}的${p.name}（${p.organisation}）`;
/** "Li Na of Kangmei Kunming Health City, Kunming". */
const enWho = (p: Person) => `${p.name} of ${p.organisation}, ${cityName(p.city, 'en')}`;

/** "2027-05-24" as its reader writes a date: "24 May 2027", "2027年5月24日". */
function day(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  if (locale === 'zh') return `${y}年${m}月${d}日`;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return `${d} ${month} ${y}`;
}

export function requestReceivedMail(p: {
  to: { name: string; locale: Locale };
  from: Person;
  message: string;
  link: string;
  expiresOn: string;
}): RenderedMail {
  const quote = p.message ? [`“${p.message}”`] : [];
  return bilingual(p.to.locale, {
    en: {
      subject: `${p.from.name} (${p.from.organisation}) would like to meet you`,
      greeting: `Hello ${p.to.name},`,
      paragraphs: [
        `${enWho(p.from)}, sent you a meeting request on Twinning.`,
        ...quote,
        `Accept it to find a time that suits you both, or decline it. It stays open until ${day(p.expiresOn, 'en')}.`,
      ],
      action: { label: 'Answer the request', url: p.link },
    },
    zh: {
      subject: `${p.from.name}（${p.from.organisation}）希望与您会面`,
      greeting: `${p.to.name}，您好：`,
      paragraphs: [
        `${zhWho(p.from)}在 Twinning 上向您发送了会面请求。`,
        ...quote,
        `接受后即可寻找双方都方便的时间，您也可以拒绝。此请求有效期至${day(p.expiresOn, 'zh')}。`,
      ],
      action: { label: '回复请求', url: p.link },
    },
  });
}

export function requestAnsweredMail(p: {
  to: { name: string; locale: Locale };
  by: Person;
  accepted: boolean;
  link: string;
}): RenderedMail {
  return bilingual(p.to.locale, {
    en: {
      subject: p.accepted
        ? `${p.by.name} accepted your meeting request`
        : `${p.by.name} declined your meeting request`,
      greeting: `Hello ${p.to.name},`,
      paragraphs: p.accepted
        ? [
            `${enWho(p.by)}, accepted your request.`,
            'Pick a time inside both your working hours: Twinning proposes the best ones.',
          ]
        : [
            `${enWho(p.by)}, declined your request this time.`,
            'Your matches list shows other organisations that fit what you offer and seek.',
          ],
      action: p.accepted ? { label: 'Find a time', url: p.link } : { label: 'See your matches', url: p.link },
    },
    zh: {
      subject: p.accepted ? `${p.by.name} 接受了您的会面请求` : `${p.by.name} 拒绝了您的会面请求`,
      greeting: `${p.to.name}，您好：`,
      paragraphs: p.accepted
        ? [`${zhWho(p.by)}接受了您的请求。`, '请在双方的工作时间内选择时间：Twinning 会推荐最合适的时段。']
        : [`${zhWho(p.by)}这次拒绝了您的请求。`, '您的匹配列表中还有其他与您供需相符的机构。'],
      action: p.accepted ? { label: '选择时间', url: p.link } : { label: '查看匹配', url: p.link },
    },
  });
}
