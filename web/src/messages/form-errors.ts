/** A profile form's problems as sentences for people (English; Chinese uses the error catalogue). */
export const en = {
  formErrEmpty: 'Enter your {label}.',
  formErrTooLong: '{label} is too long: shorten it.',
  formErrEmail: 'Enter an email address such as name@example.org.',
  formErrEmailTaken: 'This email address is already registered. Sign in instead.',
  formErrCountry: 'Choose your country from the list.',
  formErrTimeZone: 'Choose your time zone from the list.',
  formErrLanguages: 'Choose at least one language you can hold a meeting in.',
  formErrTerms: 'Choose from the list.',
  formErrControl: '{label} holds an invisible control character (a line break, say): remove it.',
  formErrSummary: 'Please correct the highlighted fields.',
};

export const zh: Record<keyof typeof en, string> = {
  formErrEmpty: '请填写{label}。',
  formErrTooLong: '{label}过长，请缩短。',
  formErrEmail: '请输入有效的邮箱地址，例如 name@example.org。',
  formErrEmailTaken: '此邮箱已注册，请直接登录。',
  formErrCountry: '请从列表中选择国家。',
  formErrTimeZone: '请从列表中选择时区。',
  formErrLanguages: '请至少选择一种您可用于会谈的语言。',
  formErrTerms: '请从列表中选择。',
  formErrControl: '{label}中含有不可见的控制字符（如换行），请删除。',
  formErrSummary: '请更正标出的内容。',
};
