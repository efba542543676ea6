/** One mail in both languages: the reader's own first, the other one below it. */
export type Locale = 'en' | 'zh';

export interface MailCopy {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** One link per answer to a question (each opens a page with one press to send it). */
  choices?: { label: string; url: string }[];
  footnote?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function textPart(copy: MailCopy, lang: Locale): string {
  const lines = [copy.greeting, '', ...copy.paragraphs.flatMap((p) => [p, ''])];
  // Chinese text takes the full-width colon.
  const colon = lang === 'zh' ? '：' : ': ';
  for (const c of copy.choices ?? []) lines.push(`${c.label}${colon}${c.url}`, '');
  if (copy.action) lines.push(`${copy.action.label}${colon}${copy.action.url}`, '');
  if (copy.footnote) lines.push(copy.footnote, '');
  return lines.join('\n');
}

/** A paragraph typed with line breaks (a description) keeps them: HTML would run its lines together. */
function lines(text: string): string {
  return escapeHtml(text).replaceAll(/\r?\n/g, '<br>');
}

function htmlPart(copy: MailCopy, lang: Locale): string {
  const font =
    lang === 'zh'
      ? "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif"
      : "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
  const action = copy.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(copy.action.url)}" style="background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(copy.action.label)}</a></p><p style="font-size:12px;color:#555;word-break:break-all">${escapeHtml(copy.action.url)}</p>`
    : '';
  const choices = (copy.choices ?? [])
    .map(
      (c) =>
        `<p style="margin:8px 0"><a href="${escapeHtml(c.url)}" style="border:1px solid #1d4ed8;color:#1d4ed8;padding:8px 14px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(c.label)}</a></p>`,
    )
    .join('\n');
  const foot = copy.footnote ? `<p style="font-size:12px;color:#555">${escapeHtml(copy.footnote)}</p>` : '';
  return `<div lang="${lang === 'zh' ? 'zh-CN' : 'en'}" style="font-family:${font};font-size:15px;line-height:1.5;color:#111">
<p>${escapeHtml(copy.greeting)}</p>
${copy.paragraphs.map((p) => `<p>${lines(p)}</p>`).join('\n')}
${choices}${action}${foot}</div>`;
}

export function bilingual(locale: Locale, copies: Record<Locale, MailCopy>): RenderedMail {
  const first = copies[locale];
  const other: Locale = locale === 'en' ? 'zh' : 'en';
  const second = copies[other];
  const subject = `${first.subject} · ${second.subject}`;
  const text = `${textPart(first, locale)}\n----------------------------------------\n\n${textPart(second, other)}`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="margin:0;padding:16px;background:#f6f7f9">
<div style="max-width:600px;margin:0 auto;background:#fff;padding:24px;border-radius:8px">
${htmlPart(first, locale)}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0">
${htmlPart(second, other)}
<p style="font-size:12px;color:#888;margin-top:24px">Twinning · EU–China city cooperation</p>
</div></body></html>`;
  return { subject, text, html };
}
