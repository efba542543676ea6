import { bilingual, type Locale, type RenderedMail } from './layout';

export function signInMail(p: { name: string; link: string; minutes: number; locale: Locale }): RenderedMail {
  return bilingual(p.locale, {
    en: {
      subject: 'Your Twinning sign-in link',
      greeting: `Hello ${p.name},`,
      paragraphs: [
        `Open this link to sign in to Twinning. It works once and for ${p.minutes} minutes.`,
        'If you did not ask to sign in, ignore this mail: nothing happens without the link.',
      ],
      action: { label: 'Sign in', url: p.link },
    },
    zh: {
      subject: 'Twinning 登录链接',
      greeting: `${p.name}，您好：`,
      paragraphs: [
        `请打开此链接登录 Twinning。链接仅可使用一次，${p.minutes} 分钟内有效。`,
        '如果您没有申请登录，请忽略此邮件：没有此链接，任何人都无法登录您的账户。',
      ],
      action: { label: '登录', url: p.link },
    },
  });
}

export function welcomeMail(p: { name: string; appUrl: string; locale: Locale }): RenderedMail {
  return bilingual(p.locale, {
    en: {
      subject: 'Welcome to Twinning',
      greeting: `Hello ${p.name},`,
      paragraphs: [
        'Your profile is registered. Twinning will show you the organisations on the other side of the cooperation that match what you offer and seek, and find times that suit both of you.',
        'To sign in later, ask for a sign-in link with this address: no password needed.',
      ],
      action: { label: 'Open Twinning', url: p.appUrl },
    },
    zh: {
      subject: '欢迎使用 Twinning',
      greeting: `${p.name}，您好：`,
      paragraphs: [
        '您的资料已注册。Twinning 会为您推荐合作另一方中与您的供需相匹配的机构，并找到双方都方便的时间。',
        '以后登录时，用此邮箱申请登录链接即可，无需密码。',
      ],
      action: { label: '打开 Twinning', url: p.appUrl },
    },
  });
}

export function confirmationMail(p: {
  name: string;
  link: string;
  hours: number;
  locale: Locale;
}): RenderedMail {
  return bilingual(p.locale, {
    en: {
      subject: 'Confirm your address for Twinning',
      greeting: `Hello ${p.name},`,
      paragraphs: [
        'Your profile is registered. Open this link to confirm that this address is yours: then you can send meeting requests, book meetings and join webinars and events.',
        `The link works once and for ${p.hours} hours. Later, sign in by asking for a link with this address: no password needed.`,
        'If you did not register, ignore this mail: without the link the profile reaches nobody.',
      ],
      action: { label: 'Confirm my address', url: p.link },
    },
    zh: {
      subject: '请确认您在 Twinning 的邮箱地址',
      greeting: `${p.name}，您好：`,
      paragraphs: [
        '您的资料已注册。请打开此链接确认此邮箱属于您：确认后即可发送会面请求、预约会面、参加网络研讨会和对接活动。',
        `链接仅可使用一次，${p.hours} 小时内有效。以后登录时，用此邮箱申请登录链接即可，无需密码。`,
        '如果您没有注册，请忽略此邮件：没有此链接，该资料不会被任何人看到。',
      ],
      action: { label: '确认邮箱', url: p.link },
    },
  });
}
