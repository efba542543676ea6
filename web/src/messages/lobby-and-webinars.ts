/**
 * The lobby's countdown in days and hours, what it tells a host at the start time, why it cannot
 * be entered; a webinar set outside a host's hours; a linked webinar that is no longer listed.
 */
export const en = {
  countdownDayHours: '1 day {h} h',
  countdownDaysHours: '{d} days {h} h',
  lobbyReadyMeeting: 'Start the meeting when you are ready; the others will get the video link.',
  lobbyReadyWebinar: 'Start the webinar when you are ready; everyone you let in will get the video link.',
  lobbyRemoved: 'A host removed you from this session’s lobby; you cannot enter it again.',
  lobbyNotYours: 'This session does not exist, or you are not one of its people.',
  lobbyBack: 'Back to my schedule',
  lobbyDenied: 'A host did not let you in this time. You may ask again.',
  lobbyKnockAgain: 'Ask to come in again',
  webinarOutsideHoursAnyway:
    'Set it at this time anyway, outside the working hours named above (the hosts are told by the invite).',
  webinarCreatedNote:
    'Webinar created: the hosts have their invites, and it is listed under Webinars for everyone to register.',
  announceTitle: 'Announce it',
  announceHelp:
    '{n} people have this webinar inside their working hours and have not been told yet: they can be mailed about it, in their language and time.',
  announceButton: 'Announce to matching participants',
  announceConfirmTitle: 'Mail this webinar to matching participants?',
  announceConfirmBody:
    '{n} people get a mail now with the webinar in their own time and a link to register. Each is told once; this cannot be called back.',
  announceConfirmYes: 'Send {n} mails',
  announceSent: 'Sent to {n} people.',
  webinarLinkedGone:
    'The webinar in your link is no longer open for registration: it is over or was cancelled.',
};

export const zh: Record<keyof typeof en, string> = {
  countdownDayHours: '1 天 {h} 小时',
  countdownDaysHours: '{d} 天 {h} 小时',
  lobbyReadyMeeting: '准备好后请开始会议，其他参会者将收到视频链接。',
  lobbyReadyWebinar: '准备好后请开始研讨会，您准许进入的人将收到视频链接。',
  lobbyRemoved: '主持人已将您移出此会议大厅，您无法再次进入。',
  lobbyNotYours: '此会议不存在，或您不是其参会者。',
  lobbyBack: '返回我的日程',
  lobbyDenied: '主持人这次没有准许您进入。您可以再次请求。',
  lobbyKnockAgain: '再次请求进入',
  webinarOutsideHoursAnyway: '仍按此时间设置（超出上述人员的工作时间；主持人会收到邀请）。',
  webinarCreatedNote: '网络研讨会已创建：主持人已收到邀请，所有人都可在“网络研讨会”页面报名。',
  announceTitle: '发布通知',
  announceHelp: '有 {n} 人的工作时间涵盖此研讨会且尚未收到通知：可以用其语言和时间发邮件通知他们。',
  announceButton: '通知匹配的参与者',
  announceConfirmTitle: '向匹配的参与者发送此研讨会的邮件？',
  announceConfirmBody:
    '{n} 人将立即收到邮件，其中有按其本地时间显示的研讨会时间和报名链接。每人只通知一次；发送后无法撤回。',
  announceConfirmYes: '发送 {n} 封邮件',
  announceSent: '已发送给 {n} 人。',
  webinarLinkedGone: '您链接中的网络研讨会已不再接受报名：它已结束或已取消。',
};
