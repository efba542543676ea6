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

/** The language tag of a part, for its lang attribute (and the document's, the reader's own). */
function htmlLang(lang: Locale): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

function fontFor(lang: Locale): string {
  return lang === 'zh'
    ? "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif"
    : "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
}

/**
 * Mail apps in dark mode (Apple Mail, Outlook, Gmail's apps) either honour these colours or darken
 * the mail themselves; without them, those that honour the scheme keep a white card. Inline
 * colours stay for the apps that drop style sheets, so the rules need !important.
 */
const DARK_STYLE = `<style>
:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme:dark){
body.tw-body{background:#111418 !important}
.tw-card{background:#1c2128 !important}
.tw-text,.tw-text p{color:#e8eaed !important}
.tw-quiet,.tw-text p.tw-quiet{color:#b4bac2 !important}
a.tw-button{background:#8ab4f8 !important;color:#0b1220 !important}
a.tw-choice{border-color:#8ab4f8 !important;color:#8ab4f8 !important}
.tw-rule{border-top-color:#3c434d !important}
}
</style>`;

function htmlPart(copy: MailCopy, lang: Locale): string {
  const font = fontFor(lang);
  const action = copy.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(copy.action.url)}" class="tw-button" style="background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(copy.action.label)}</a></p><p class="tw-quiet" style="font-size:12px;color:#555555;word-break:break-all">${escapeHtml(copy.action.url)}</p>`
    : '';
  const choices = (copy.choices ?? [])
    .map(
      (c) =>
        `<p style="margin:8px 0"><a href="${escapeHtml(c.url)}" class="tw-choice" style="border:1px solid #1d4ed8;color:#1d4ed8;padding:8px 14px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(c.label)}</a></p>`,
    )
    .join('\n');
  const foot = copy.footnote
    ? `<p class="tw-quiet" style="font-size:12px;color:#555555">${escapeHtml(copy.footnote)}</p>`
    : '';
  return `<div lang="${htmlLang(lang)}" class="tw-text" style="font-family:${font};font-size:15px;line-height:1.5;color:#111111;overflow-wrap:anywhere">
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
  // The document is in the reader's language; each part says its own. The footer names the
  // programme in both, each marked, in the reader's font rather than the browser's serif default.
  const html = `<!doctype html><html lang="${htmlLang(locale)}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><title>${escapeHtml(subject)}</title>${DARK_STYLE}</head><body class="tw-body" style="margin:0;padding:16px 8px;background:#f6f7f9">
<div class="tw-card" style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px 16px;border-radius:8px">
${htmlPart(first, locale)}
<hr class="tw-rule" style="border:none;border-top:1px solid #dddddd;margin:24px 0">
${htmlPart(second, other)}
<p class="tw-quiet" style="font-size:12px;color:#555555;margin-top:24px"><span lang="en" style="font-family:${fontFor('en')}">Twinning · EU–China city cooperation</span><br><span lang="zh-CN" style="font-family:${fontFor('zh')}">Twinning · 中欧城市合作</span></p>
</div></body></html>`;
  return { subject, text, html };
}
