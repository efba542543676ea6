/** Strings of the outbox's delivery note, the slot finder, cities, bios and match filters. */
export const en = {
  outboxDevMailbox:
    'No mail server is set (SMTP_URL), so nothing is sent: mail waits here and can be read in the dev mailbox.',
  outboxHeld: 'No mail server is set (SMTP_URL), so nothing is sent: mail waits here until one is.',
  outboxOpenMailbox: 'Open the dev mailbox',
  agendaLabel: 'Agenda (optional)',
  agendaPlaceholder: 'What you would like to discuss',
  slotListHelp:
    'Days in date order, with the best times first in each and every other start time inside the common hours below them. Click the chart to choose a time.',
  bestTime: 'best fit',
  anyStart: 'Other start time',
  hiddenPeople: 'People you hid ({n})',
  unhide: 'Show again',
};

export const zh: Record<keyof typeof en, string> = {
  outboxDevMailbox: '未设置邮件服务器（SMTP_URL），因此不会发送邮件：邮件保存在这里，可在开发邮箱中查看。',
  outboxHeld: '未设置邮件服务器（SMTP_URL），因此不会发送邮件：邮件保存在这里，直到设置服务器。',
  outboxOpenMailbox: '打开开发邮箱',
  agendaLabel: '议程（可选）',
  agendaPlaceholder: '您希望讨论的内容',
  slotListHelp:
    '按日期排列：每天先列出最合适的时间，下面可选择共同工作时间内的任何开始时间。也可点击图表选择时间。',
  bestTime: '最合适',
  anyStart: '其他开始时间',
  hiddenPeople: '您隐藏的人（{n}）',
  unhide: '重新显示',
};
