/** The page behind a mailed invite's Accept / Decline links. */
export const en = {
  inviteWith: 'With',
  inviteHosts: 'Hosted by',
  inviteWhenYou: '{when} your time ({city})',
  inviteWhenThem: '{when} in {city}',
  inviteYourAnswer: 'Your answer so far: {answer}.',
  inviteCancelled: 'This session was cancelled: there is nothing to answer.',
  inviteOver: 'This session is over.',
  inviteLinkBroken: 'This link does not work. Sign in to see your schedule.',
  inviteMySchedule: 'Open my schedule',
};

export const zh: Record<keyof typeof en, string> = {
  inviteWith: '参会者',
  inviteHosts: '主持人',
  inviteWhenYou: '{when}（您的时间，{city}）',
  inviteWhenThem: '{when}（{city}时间）',
  inviteYourAnswer: '您目前的回复：{answer}。',
  inviteCancelled: '此会议已取消，无需回复。',
  inviteOver: '此会议已结束。',
  inviteLinkBroken: '此链接无效。请登录查看您的日程。',
  inviteMySchedule: '打开我的日程',
};
