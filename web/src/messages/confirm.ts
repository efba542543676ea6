/** The questions asked before actions that mail people or cannot be undone. */
export const en = {
  confirmKeep: 'Go back',
  confirmCancelMeetingTitle: 'Cancel this meeting?',
  confirmCancelMeetingBody:
    'It is cancelled for everyone: {names} will get a cancellation by mail and it leaves their calendars. This cannot be undone; to meet later, book a new time.',
  confirmCancelWebinarTitle: 'Cancel this webinar?',
  confirmCancelWebinarBody:
    'It is cancelled for everyone: its {n} people get a cancellation by mail and it leaves their calendars. This cannot be undone.',
  confirmCancelYes: 'Cancel and notify',
  confirmPublishTitle: 'Publish the schedule and send invites?',
  confirmPublishBody:
    '{invites} {invites|invitation goes|invitations go} out by mail now: {created} new {created|meeting|meetings}, two people each. {updates} {updates|update goes|updates go} to the people of the {moved} published {moved|meeting|meetings} that moved, and {cancellations} {cancellations|cancellation|cancellations} to those of the meetings no longer in the schedule.',
  confirmPublishYes: 'Publish and send {invites} {invites|invite|invites}',
  confirmPublishYesMails: 'Publish and send {mails} {mails|mail|mails}',
  confirmRemoveMeetingTitle: 'Remove this meeting from the event?',
  confirmRemoveMeetingBody:
    'It is already published: {names} get a cancellation by mail and it leaves their calendars. This cannot be undone.',
  confirmRemoveMeetingDraftBody: 'It leaves the event’s list of meetings to place. Nobody is mailed.',
  confirmRemoveYes: 'Remove it',
  confirmDeclineTitle: 'Decline this request?',
  confirmDeclineBody: '{name} will be told by mail that you declined. You cannot undo this answer.',
  confirmDeclineYes: 'Decline and notify',
  confirmWithdrawTitle: 'Withdraw this request?',
  confirmWithdrawBody: '{name} can no longer accept it. To ask again later, send a new request.',
  confirmWithdrawYes: 'Withdraw it',
  confirmLeaveTitle: 'Leave this event?',
  confirmLeaveBody: 'Your meetings in it that are not yet published are removed from its schedule.',
  confirmLeaveYes: 'Leave the event',
  eventBookedPairs: 'Accepted requests between people who already have a meeting:',
  eventBookedPairsSkip: 'leave them out of the schedule',
  eventBookedPairsInclude: 'schedule them again',
  meetingBookedFor: 'Meeting booked for {when} (your time).',
  meetingBookedOpen: 'See the meeting',
};

export const zh: Record<keyof typeof en, string> = {
  confirmKeep: '返回',
  confirmCancelMeetingTitle: '取消此会议？',
  confirmCancelMeetingBody:
    '会议将为所有人取消：{names} 会收到取消邮件，会议也会从其日历中移除。此操作无法撤销；如需再见面，请重新预约时间。',
  confirmCancelWebinarTitle: '取消此网络研讨会？',
  confirmCancelWebinarBody:
    '研讨会将为所有人取消：{n} 位参与者会收到取消邮件，活动也会从其日历中移除。此操作无法撤销。',
  confirmCancelYes: '取消并通知',
  confirmPublishTitle: '发布日程并发送邀请？',
  confirmPublishBody:
    '现在将发出 {invites} 封邀请邮件：{created} 场新会议，每场两人。已发布且时间变动的 {moved} 场会议将发出 {updates} 封更新邮件，不再在日程中的会议将发出 {cancellations} 封取消邮件。',
  confirmPublishYes: '发布并发送 {invites} 封邀请',
  confirmPublishYesMails: '发布并发送 {mails} 封邮件',
  confirmRemoveMeetingTitle: '从活动中删除此会议？',
  confirmRemoveMeetingBody: '此会议已发布：{names} 会收到取消邮件，会议也会从其日历中移除。此操作无法撤销。',
  confirmRemoveMeetingDraftBody: '会议将从活动待安排的列表中删除，不会发送任何邮件。',
  confirmRemoveYes: '删除',
  confirmDeclineTitle: '拒绝此请求？',
  confirmDeclineBody: '系统会发邮件告知 {name} 您已拒绝。此答复无法撤销。',
  confirmDeclineYes: '拒绝并通知',
  confirmWithdrawTitle: '撤回此请求？',
  confirmWithdrawBody: '{name} 将无法再接受此请求。如需再次联系，请发送新的请求。',
  confirmWithdrawYes: '撤回',
  confirmLeaveTitle: '退出此活动？',
  confirmLeaveBody: '您在此活动中尚未发布的会议将从日程中移除。',
  confirmLeaveYes: '退出活动',
  eventBookedPairs: '已有会议的双方之间被接受的请求：',
  eventBookedPairsSkip: '不纳入日程',
  eventBookedPairsInclude: '再次安排',
  meetingBookedFor: '已预约会议：{when}（您的时间）。',
  meetingBookedOpen: '查看会议',
};
