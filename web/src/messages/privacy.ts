/** Strings of the privacy page, the account erasure on the profile page, and former participants. */
export const en = {
  formerParticipant: 'a former participant',
  footerPrivacy: 'Privacy',
  deleteTitle: 'Delete my account',
  deleteHelp: 'Erases your account for good. Download your data first if you want to keep it.',
  deleteOpen: 'Delete my account…',
  deleteDialogTitle: 'Delete your account?',
  deleteWhat1: 'You are signed out everywhere; your sign-in links and calendar feed stop working at once.',
  deleteWhat2:
    'Your meetings and webinars still to come are cancelled, and the others receive the cancellation. A meeting under way goes on without you.',
  deleteWhat3: 'Your open meeting requests, sent and received, are withdrawn.',
  deleteWhat4:
    'Your profile, bio, working hours, chat lines and notes are deleted. Past meetings show "a former participant" in your place.',
  deleteWhat5:
    'The programme’s counts keep your meetings, without your name. You may register again with the same address later, as a new account.',
  deleteTypeEmail: 'Type your email address ({email}) to confirm',
  deleteConfirm: 'Delete my account for good',
  deleteCancel: 'Keep my account',
  deleted: 'Your account was deleted. Thank you for taking part.',
  privacyLink: 'What we keep and why',
  privacyPageTitle: 'Privacy: what Twinning keeps, why, and for how long',
  privacyIntro:
    'Twinning helps city officers, researchers and companies in Europe and China find each other and meet. It keeps what it needs for that, and no more.',
  privacyKeptTitle: 'What is kept, and why',
  privacyKeptProfile:
    'Your profile (name, email, organisation, city, languages, sectors, what you offer and seek, bio, working hours): so that others can find you and meetings fall in your working hours. Kept while you have an account.',
  privacyKeptRequests:
    'Meeting requests, meetings and webinars, with your answers: so that both sides see the same schedule and calendar. Kept while you have an account.',
  privacyKeptChat:
    'Lobby chat lines: so that the people of a session can read what was said. Deleted after {days} days.',
  privacyKeptAttendance:
    'Lobby attendance (when you came and left): for the organizers’ attendance reports. After {days} days only your first arrival and last departure in each session remain.',
  privacyKeptMail:
    'Mails sent to you: so that delivery can be checked and retried. Their text is deleted after {days} days; who they went to, and when, stay.',
  privacyKeptCounts:
    'Counts for the programme’s reports (how many requests, meetings, outcomes, by city): kept without names.',
  privacyRetention: 'This server keeps chat lines, attendance details and mail texts for {days} days.',
  privacyRightsTitle: 'Your rights',
  privacyRightSee: 'See: your profile page shows what others see of you.',
  privacyRightHide:
    'Hide: turn off "Show me to others" and you leave everyone’s matches; your booked sessions stand.',
  privacyRightDownload: 'Download: "Download my data" gives you everything held about you, as a file.',
  privacyRightErase:
    'Erase: "Delete my account" erases your account; your profile and what you wrote are deleted at once.',
  privacyWhere: 'All of it is on your profile page.',
  privacyContact: 'Questions about your data go to your programme’s organizers.',
};

export const zh: Record<keyof typeof en, string> = {
  formerParticipant: '一位前参与者',
  footerPrivacy: '隐私',
  deleteTitle: '删除我的账户',
  deleteHelp: '永久删除您的账户。如需保留数据，请先下载。',
  deleteOpen: '删除我的账户…',
  deleteDialogTitle: '要删除您的账户吗？',
  deleteWhat1: '您将在所有设备上退出登录；您的登录链接和日历订阅将立即失效。',
  deleteWhat2: '您即将进行的会议和网络研讨会将被取消，其他人会收到取消通知。正在进行的会议将在您离开后继续。',
  deleteWhat3: '您发出和收到的未处理会议请求将被撤回。',
  deleteWhat4: '您的个人资料、简介、工作时间、聊天记录和笔记将被删除。过去的会议中将显示“一位前参与者”。',
  deleteWhat5: '项目统计仍会计入您的会议，但不含您的姓名。之后您可以用同一地址重新注册为新账户。',
  deleteTypeEmail: '请输入您的电子邮箱（{email}）以确认',
  deleteConfirm: '永久删除我的账户',
  deleteCancel: '保留我的账户',
  deleted: '您的账户已删除。感谢您的参与。',
  privacyLink: '我们保存什么以及原因',
  privacyPageTitle: '隐私：Twinning 保存什么、为什么以及保存多久',
  privacyIntro:
    'Twinning 帮助欧洲和中国的城市官员、研究人员和企业相互找到并会面。它只保存为此所需的数据，不多保存。',
  privacyKeptTitle: '保存的内容及原因',
  privacyKeptProfile:
    '您的个人资料（姓名、电子邮箱、机构、城市、语言、领域、供需、简介、工作时间）：以便他人找到您，并让会议安排在您的工作时间内。在您拥有账户期间保存。',
  privacyKeptRequests:
    '会议请求、会议和网络研讨会及您的答复：以便双方看到相同的日程和日历。在您拥有账户期间保存。',
  privacyKeptChat: '会议大厅的聊天记录：以便会议参与者查看说过的内容。{days} 天后删除。',
  privacyKeptAttendance:
    '会议大厅出勤记录（您何时进入和离开）：用于组织者的出勤报告。{days} 天后每场会议只保留您首次进入和最后离开的时间。',
  privacyKeptMail: '发给您的邮件：以便检查和重试投递。邮件正文在 {days} 天后删除；收件人和发送时间保留。',
  privacyKeptCounts: '项目报告的统计数字（请求、会议、成果的数量，按城市）：不含姓名保存。',
  privacyRetention: '本服务器保存聊天记录、出勤详情和邮件正文 {days} 天。',
  privacyRightsTitle: '您的权利',
  privacyRightSee: '查看：您的个人资料页面显示他人能看到的关于您的内容。',
  privacyRightHide: '隐藏：关闭“向他人显示我”，您将从所有人的匹配中消失；已预订的会议保留。',
  privacyRightDownload: '下载：“下载我的数据”以文件形式提供关于您的全部数据。',
  privacyRightErase: '删除：“删除我的账户”会删除您的账户；您的个人资料和您写的内容会立即删除。',
  privacyWhere: '以上操作都在您的个人资料页面。',
  privacyContact: '有关您数据的问题，请联系您所在项目的组织者。',
};
