/** Sectors and interests suggested from what a bio says, on the registration and profile forms. */
export const en = {
  suggestTitle: 'Your description speaks of:',
  suggestSector: 'sector: {name}',
  suggestSeek: 'you seek: {name}',
  suggestAdd: 'Add to my profile',
  suggestAdded: 'Added. You can change them in the lists above.',
};

export const zh: Record<keyof typeof en, string> = {
  suggestTitle: '您的简介提到：',
  suggestSector: '领域：{name}',
  suggestSeek: '您寻求：{name}',
  suggestAdd: '添加到我的资料',
  suggestAdded: '已添加，可在上方列表中修改。',
};
