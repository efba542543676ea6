/** The lobby's countdown in days and hours; a webinar set outside a host's hours. */
export const en = {
  countdownDayHours: '1 day {h} h',
  countdownDaysHours: '{d} days {h} h',
  webinarOutsideHoursAnyway:
    'Set it at this time anyway, outside the working hours named above (the hosts are told by the invite).',
  webinarCreatedNote:
    'Webinar created: the hosts have their invites, and it is listed under Webinars for everyone to register.',
};

export const zh: Record<keyof typeof en, string> = {
  countdownDayHours: '1 天 {h} 小时',
  countdownDaysHours: '{d} 天 {h} 小时',
  webinarOutsideHoursAnyway: '仍按此时间设置（超出上述人员的工作时间；主持人会收到邀请）。',
  webinarCreatedNote: '网络研讨会已创建：主持人已收到邀请，所有人都可在“网络研讨会”页面报名。',
};
