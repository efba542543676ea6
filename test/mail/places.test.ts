/**
 * Places in mail: a Chinese reader reads the city in Chinese script and apart from the organisation
 * ("来自昆明的李娜（康美昆明健康城）", not "Kunming康美昆明健康城的李娜"); an English reader reads it in English.
 */
import { describe, expect, it } from 'vitest';
import { cityName } from '../../src/domain/city-names';
import { followUpQuestionMail, outcomeQuestionMail } from '../../src/mail/templates/outcome';
import { requestAnsweredMail, requestReceivedMail } from '../../src/mail/templates/requests';
import { sessionMail } from '../../src/mail/templates/session';

describe('city names', () => {
  it('shows the programme’s cities and common ones in the reader’s script, and others as typed', () => {
    expect(cityName('Kunming', 'zh')).toBe('昆明');
    expect(cityName('kunming ', 'zh')).toBe('昆明');
    expect(cityName('昆明', 'en')).toBe('Kunming');
    expect(cityName('Roma', 'en')).toBe('Rome');
    expect(cityName('Roma', 'zh')).toBe('罗马');
    expect(cityName('Xi’an', 'zh')).toBe('西安');
    expect(cityName('Sevilla', 'zh')).toBe('塞维利亚');
    expect(cityName('Córdoba', 'zh')).toBe('Córdoba');
  });
});

describe('mail', () => {
  const liNa = { name: '李娜', organisation: '康美昆明健康城', city: 'Kunming' };
  const giulia = { name: 'Giulia Conti', organisation: 'Smart City Lab of Rome and Lazio', city: 'Rome' };

  it('a request: city and organisation apart, the city in the reader’s script', () => {
    const zh = requestReceivedMail({
      to: { name: '王磊', locale: 'zh' },
      from: giulia,
      message: '',
      link: 'http://x/requests',
      expiresOn: '2027-05-24',
    });
    expect(zh.text).toContain('来自罗马的Giulia Conti（Smart City Lab of Rome and Lazio）在 Twinning');
    expect(zh.text).toContain('Giulia Conti of Smart City Lab of Rome and Lazio, Rome, sent');
    const answered = requestAnsweredMail({
      to: { name: 'Giulia', locale: 'en' },
      by: liNa,
      accepted: true,
      link: 'x',
    });
    expect(answered.text).toContain('李娜 of 康美昆明健康城, Kunming, accepted');
    expect(answered.text).toContain('来自昆明的李娜（康美昆明健康城）接受了');
  });

  it('an invite: each time labelled by the city in the reader’s script', () => {
    const mail = sessionMail({
      to: { name: '李娜', locale: 'zh', timeZone: 'Asia/Shanghai', city: 'Kunming' },
      change: 'new',
      title: 'Health-city design',
      startAt: Date.parse('2027-05-11T07:00:00Z'),
      endAt: Date.parse('2027-05-11T07:30:00Z'),
      others: [{ ...giulia, timeZone: 'Europe/Rome' }],
      lobbyUrl: 'http://x/lobby',
      icsUrl: 'http://x/ics',
    });
    expect(mail.text).toMatch(/15:00.*（?\(?昆明\)?/);
    expect(mail.text).toContain('（罗马）');
    expect(mail.text).not.toContain('(罗马)');
    expect(mail.text).toContain('Giulia Conti（Smart City Lab of Rome and Lazio，罗马）');
    expect(mail.text).toContain('(Rome)');
  });

  it('the questions after a meeting: the other side’s city in the reader’s script', () => {
    const input = {
      to: { name: '李娜', locale: 'zh' as const, timeZone: 'Asia/Shanghai', city: 'Kunming' },
      title: 'Health-city design',
      startAt: Date.parse('2027-03-29T07:45:00Z'),
      endAt: Date.parse('2027-03-29T08:15:00Z'),
      others: [{ name: 'Lucía Fernández Ortega', organisation: 'PTS', city: 'Granada' }],
      linkFor: (a: string) => `http://x/outcome?result=${a}`,
    };
    const zh = outcomeQuestionMail(input).text;
    expect(zh).toContain('您与Lucía Fernández Ortega（PTS，格拉纳达）的会议');
    expect(zh).toContain('with Lucía Fernández Ortega (PTS, Granada) has ended');
    const followUp = followUpQuestionMail({
      ...input,
      to: { ...input.to, name: 'Lucía', locale: 'en', timeZone: 'Europe/Madrid', city: 'Granada' },
      others: [{ name: '李娜', organisation: '康美昆明健康城', city: '昆明' }],
      days: 90,
    }).text;
    expect(followUp).toContain('you met 李娜 (康美昆明健康城, Kunming)');
    expect(followUp).toContain('您与李娜（康美昆明健康城，昆明）会面');
  });
});
