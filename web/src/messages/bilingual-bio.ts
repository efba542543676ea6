/**
 * A bio in two languages (the person's own words, and the same in English or Chinese), on the
 * forms and wherever a bio is read; and the header's menu button on a phone.
 */
export const en = {
  bioHelp: 'In your own words, in the language you write best.',
  bioTranslationLanguage: 'Language of the second version',
  bioTranslation_zh: 'The same in Chinese (optional)',
  bioTranslation_en: 'The same in English (optional)',
  bioTranslationHelp_zh:
    'People who use Twinning in Chinese read this first; your own words stay a click away.',
  bioTranslationHelp_en:
    'People who use Twinning in English read this first; your own words stay a click away.',
  bioInChinese: 'Bio in Chinese',
  bioInEnglish: 'Bio in English',
  bioOriginal: 'Original text',
  bioAlso_zh: 'Also in Chinese',
  bioAlso_en: 'Also in English',
  menu: 'Menu',
};

export const zh: Record<keyof typeof en, string> = {
  bioHelp: '用您最擅长的语言，以自己的话介绍。',
  bioTranslationLanguage: '第二版本的语言',
  bioTranslation_zh: '中文版本（可选）',
  bioTranslation_en: '英文版本（可选）',
  bioTranslationHelp_zh: '使用中文界面的读者会先看到这段文字，点一下即可查看您的原文。',
  bioTranslationHelp_en: '使用英文界面的读者会先看到这段文字，点一下即可查看您的原文。',
  bioInChinese: '中文简介',
  bioInEnglish: '英文简介',
  bioOriginal: '原文',
  bioAlso_zh: '中文版本',
  bioAlso_en: '英文版本',
  menu: '菜单',
};
