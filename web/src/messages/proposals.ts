/** The session page's box of other times proposed from calendar clients (COUNTER). */
export const en = {
  proposalsTitle: 'Other times proposed',
  proposalsHelp:
    'Proposed from a calendar app. Accepting moves the session and sends everyone the updated invitation.',
  proposalFrom: '{name} ({city}) proposes:',
  proposalNow: 'now {time}',
  proposalAccept: 'Accept this time',
  proposalDecline: 'Decline',
  proposalDeclined: 'Declined. The session stays at its time.',
};

export const zh: Record<keyof typeof en, string> = {
  proposalsTitle: '建议的其他时间',
  proposalsHelp: '来自日历应用的建议。接受后会议将改到该时间，所有人会收到更新后的邀请。',
  proposalFrom: '{name}（{city}）建议：',
  proposalNow: '当前 {time}',
  proposalAccept: '接受此时间',
  proposalDecline: '拒绝',
  proposalDeclined: '已拒绝，会议时间不变。',
};
