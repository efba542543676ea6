/**
 * A bio as its reader should meet it: in the reader's language when the person wrote a version in
 * it, with the other text (the original, or the version in the other language) one click away.
 */
import { locale, t } from '../i18n';

export interface Bios {
  bio: string;
  bioTranslation?: string;
  bioTranslationLanguage?: 'en' | 'zh' | null;
}

const CJK = /[\u3400-\u9fff]/;
/** A language tag for text whose language is not stored: Chinese when it is written in Chinese. */
const guessLang = (text: string) => (CJK.test(text) ? 'zh-CN' : undefined);
const tagOf = (lang: 'en' | 'zh') => (lang === 'zh' ? 'zh-CN' : 'en');

export function BioText({ p, class: cls = 'bio' }: { p: Bios; class?: string }) {
  const translation = p.bioTranslation?.trim() ? p.bioTranslation : '';
  const lang = p.bioTranslationLanguage;
  if (!translation || !lang) return p.bio ? <p class={`${cls} pre-line`}>{p.bio}</p> : null;
  const reader = locale.value;
  if (lang === reader || !p.bio) {
    return (
      <div class="bio-texts">
        <p class={`${cls} pre-line`} lang={tagOf(lang)}>
          {translation}
        </p>
        {p.bio && (
          <details class="bio-other">
            <summary>{t('bioOriginal')}</summary>
            <p class={`${cls} pre-line`} lang={guessLang(p.bio)}>
              {p.bio}
            </p>
          </details>
        )}
      </div>
    );
  }
  return (
    <div class="bio-texts">
      <p class={`${cls} pre-line`} lang={guessLang(p.bio)}>
        {p.bio}
      </p>
      <details class="bio-other">
        <summary>{t(lang === 'zh' ? 'bioAlso_zh' : 'bioAlso_en')}</summary>
        <p class={`${cls} pre-line`} lang={tagOf(lang)}>
          {translation}
        </p>
      </details>
    </div>
  );
}
