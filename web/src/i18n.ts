/** Message catalogues in English and Chinese, and the chosen language (remembered, or the browser's). */
import { signal } from '@preact/signals';

const en = {
  appName: 'Twinning',
  tagline: 'Matchmaking, meetings and webinars between European and Chinese cities',
  intro:
    'Register your organisation, find the counterparts on the other side of the cooperation that match what you offer and seek, and meet them at a time that suits both of you, six or seven hours apart.',
  navHome: 'Home',
  navProfile: 'Profile',
  navSignIn: 'Sign in',
  navRegister: 'Register',
  navSignOut: 'Sign out',
  navMailbox: 'Dev mailbox',
  language: 'Language',
  skipToContent: 'Skip to content',
  register: 'Register',
  registerTitle: 'Register your organisation',
  signInTitle: 'Sign in',
  signInHelp: 'We mail you a link that signs you in. No password needed.',
  email: 'Email',
  name: 'Your name',
  organisation: 'Organisation',
  city: 'City',
  country: 'Country',
  timeZone: 'Time zone',
  timeZoneHelp: 'Detected from your browser; your working hours are in this zone.',
  languages: 'Languages you work in',
  sectors: 'Sectors',
  offers: 'What you offer',
  seeks: 'What you seek',
  bio: 'About you and your organisation',
  workingHours: 'Working hours',
  workingHoursHelp: 'In your own time zone. Add a second window for a lunch break.',
  addWindow: 'Add a window',
  removeWindow: 'Remove',
  interfaceLanguage: 'Language of mails and pages',
  sendLink: 'Mail me a sign-in link',
  checkMailTitle: 'Check your mail',
  checkMailText: 'If {email} is registered, a sign-in link is on its way. It works once, for 10 minutes.',
  verifyTitle: 'Sign in to Twinning',
  verifyText: 'Press the button to finish signing in.',
  verifyButton: 'Sign in',
  verifyFailed: 'This sign-in link is used, expired or unknown. Ask for a new one.',
  askNewLink: 'Ask for a new link',
  save: 'Save',
  saved: 'Saved.',
  edit: 'Edit profile',
  cancel: 'Cancel',
  calendarFeed: 'Calendar feed',
  calendarFeedHelp:
    'Subscribe in Outlook, Google or Apple Calendar to see all your sessions. Keep this link private.',
  subscribe: 'Subscribe',
  copyLink: 'Copy link',
  copied: 'Copied',
  resetLink: 'Make a new link',
  resetConfirm: 'The old link will stop working. Continue?',
  demoTitle: 'Try it as a demo person',
  demoHelp: 'Development mode: sign in as anyone from the demo cities in one click.',
  signInAs: 'Sign in as {name}',
  welcomeBack: 'Welcome, {name}',
  organizer: 'Organizer',
  loading: 'Loading…',
  notFound: 'This page does not exist.',
  errorGeneric: 'Something went wrong. Please try again.',
  networkError: 'Cannot reach the server. Check your connection and try again.',
  mailboxTitle: 'Development mailbox',
  mailboxHelp: 'Mail that would have been sent. Without SMTP_URL it stays here.',
  mailboxEmpty: 'No mail yet.',
  to: 'To',
  subject: 'Subject',
  status: 'Status',
  open: 'Open',
  required: 'required',
  days: 'Mon,Tue,Wed,Thu,Fri,Sat,Sun',
  from: 'from',
  until: 'until',
  day: 'Day',
  cities: 'Rome · Granada · Nice — Yantai · Kunming · Liuzhou',
  alreadyRegistered: 'Already registered?',
  noAccount: 'New here?',
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  appName: 'Twinning',
  tagline: '欧洲与中国城市之间的对接、会议与网络研讨会',
  intro:
    '注册您的机构，找到合作另一方中与您的供需相匹配的伙伴，并在相隔六七个小时的两地找到双方都方便的时间开会。',
  navHome: '首页',
  navProfile: '个人资料',
  navSignIn: '登录',
  navRegister: '注册',
  navSignOut: '退出',
  navMailbox: '开发邮箱',
  language: '语言',
  skipToContent: '跳到正文',
  register: '注册',
  registerTitle: '注册您的机构',
  signInTitle: '登录',
  signInHelp: '我们会给您发送一个登录链接，无需密码。',
  email: '电子邮箱',
  name: '姓名',
  organisation: '机构',
  city: '城市',
  country: '国家/地区',
  timeZone: '时区',
  timeZoneHelp: '根据浏览器自动识别；您的工作时间按此时区计算。',
  languages: '工作语言',
  sectors: '行业领域',
  offers: '可提供',
  seeks: '希望获得',
  bio: '个人与机构简介',
  workingHours: '工作时间',
  workingHoursHelp: '按您所在时区填写。有午休可添加第二个时段。',
  addWindow: '添加时段',
  removeWindow: '删除',
  interfaceLanguage: '邮件与页面语言',
  sendLink: '发送登录链接',
  checkMailTitle: '请查收邮件',
  checkMailText: '如果 {email} 已注册，登录链接已发出。链接仅可使用一次，10 分钟内有效。',
  verifyTitle: '登录 Twinning',
  verifyText: '请点击按钮完成登录。',
  verifyButton: '登录',
  verifyFailed: '此登录链接已使用、已过期或无效，请重新申请。',
  askNewLink: '重新申请链接',
  save: '保存',
  saved: '已保存。',
  edit: '编辑资料',
  cancel: '取消',
  calendarFeed: '日历订阅',
  calendarFeedHelp: '在 Outlook、Google 或 Apple 日历中订阅，即可看到您的全部会议。请勿泄露此链接。',
  subscribe: '订阅',
  copyLink: '复制链接',
  copied: '已复制',
  resetLink: '生成新链接',
  resetConfirm: '旧链接将失效，是否继续？',
  demoTitle: '以演示用户体验',
  demoHelp: '开发模式：一键以演示城市中的任一用户登录。',
  signInAs: '以 {name} 登录',
  welcomeBack: '欢迎，{name}',
  organizer: '组织方',
  loading: '加载中…',
  notFound: '页面不存在。',
  errorGeneric: '出错了，请重试。',
  networkError: '无法连接服务器，请检查网络后重试。',
  mailboxTitle: '开发邮箱',
  mailboxHelp: '本应发出的邮件。未设置 SMTP_URL 时保存在这里。',
  mailboxEmpty: '暂无邮件。',
  to: '收件人',
  subject: '主题',
  status: '状态',
  open: '打开',
  required: '必填',
  days: '周一,周二,周三,周四,周五,周六,周日',
  from: '从',
  until: '到',
  day: '星期',
  cities: '罗马 · 格拉纳达 · 尼斯 — 烟台 · 昆明 · 柳州',
  alreadyRegistered: '已经注册？',
  noAccount: '还没有账户？',
};

export type Locale = 'en' | 'zh';
const catalogues: Record<Locale, Record<MessageKey, string>> = { en, zh };

function initialLocale(): Locale {
  const stored = localStorage.getItem('locale');
  if (stored === 'en' || stored === 'zh') return stored;
  return navigator.languages?.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export const locale = signal<Locale>(initialLocale());

export function setLocale(next: Locale): void {
  locale.value = next;
  localStorage.setItem('locale', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}
document.documentElement.lang = locale.value === 'zh' ? 'zh-CN' : 'en';

export function t(key: MessageKey, params: Record<string, string> = {}): string {
  return catalogues[locale.value][key].replace(/\{(\w+)\}/g, (_, p: string) => params[p] ?? '');
}

export function dayNames(): string[] {
  return t('days').split(',');
}
