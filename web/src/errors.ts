/** The server's refusals in the reader's language; English keeps the server's own precise words. */
import { ApiError } from './api';
import { withWhom } from './error-who';
import { locale, t } from './i18n';

const zh: Record<string, string> = {
  INVALID_EMAIL: '邮箱地址格式不正确。',
  INVALID_NAME: '此项不能为空。',
  INVALID_TIME_ZONE: '不是有效的 IANA 时区（如 Asia/Shanghai）。',
  INVALID_COUNTRY: '不是有效的国家代码（如 CN、IT）。',
  INVALID_LANGUAGE: '请至少选择一种有效的语言。',
  UNKNOWN_SECTOR: '行业不在列表中。',
  UNKNOWN_INTEREST: '选项不在列表中。',
  INVALID_WORKING_HOURS: '工作时间无效：结束时间须晚于开始时间，且时段不能重叠。',
  EMAIL_TAKEN: '此邮箱已注册，请直接登录。',
  RATE_LIMITED: '尝试次数过多，请稍后再试。',
  INVALID_TOKEN: '此登录链接已使用、已过期或无效。',
  NOT_SIGNED_IN: '请先登录。',
  DATABASE_UNAVAILABLE: '数据库暂时无法连接，未作任何更改，请稍后再试。',
  LOBBY_UNAVAILABLE: '会议大厅暂时无法打开，页面会自动重试。',
  EMAIL_NOT_CONFIRMED: '请先确认您的邮箱：打开我们发送给您的邮件中的链接。',
  MISSING_FIELD: '请填写此项。',
  VALIDATION_FAILED: '内容格式不正确。',
  CONTROL_CHARACTER: '文本中含有控制字符（例如单行字段中的换行），请删除后重试。',
  BODY_TOO_LARGE: '内容过长。',
  CANNOT_REQUEST_SELF: '不能向自己发送请求。',
  RECIPIENT_UNAVAILABLE: '对方暂不接收您的请求。',
  REQUEST_ALREADY_OPEN: '您已向对方发出请求，正在等待回复。',
  REQUEST_FROM_THEM_OPEN: '对方已向您发出请求，请直接回复。',
  DAILY_LIMIT_REACHED: '今日发送的请求和预约的会面已达上限，请明天再试。',
  NOT_CONNECTED: '只能与已接受会面请求的人预约会面。',
  REQUEST_NOT_ACCEPTED: '该会面请求尚未被接受。',
  REQUEST_ALREADY_BOOKED: '此请求已预约了会面；如需另约时间，请先取消原会面。',
  ALREADY_CONNECTED: '您与对方已有被接受的会面请求：请直接从该请求预约时间。',
  REQUEST_MISMATCH: '该会面请求的双方与此次会面的参与者不符。',
  MESSAGE_TOO_LONG: '留言过长。',
  REQUEST_NOT_PENDING: '此请求已被回复、撤回或已过期。',
  PARTICIPANT_NOT_FOUND: '找不到此用户。',
  SLOT_TAKEN: '该时间已被预订，请选择其他时间。',
  OUTSIDE_WORKING_HOURS: '该时间不在某位参与者的工作时间内，或恰逢公共假日。',
  START_IN_PAST: '开始时间已过。',
  SESSION_NOT_FOUND: '找不到此会议。',
  SESSION_CANCELLED: '此会议已取消。',
  NOT_SESSION_PERSON: '只有本次会议的参会者和组织者可以进入会议大厅。',
  NOT_SESSION_HOST: '只有主持人和组织者可以执行此操作。',
  LOBBY_REMOVED: '主持人已将您移出此会议大厅。',
  LOBBY_DENIED: '主持人这次没有准许您进入。',
  LOBBY_WAITING: '请等待主持人准许您进入。',
  LOBBY_NOT_OPEN: '会议大厅尚未开放。',
  LOBBY_NOT_LIVE: '会议尚未开始。',
  NOT_WAITING: '此人不在等候室中。',
  NOT_PRESENT: '此人不在会议大厅中。',
  CANNOT_REMOVE_HOST: '不能移出主持人。',
  ACCOUNT_ERASED: '此账户已删除。',
  SENDER_HIDDEN: '您已对他人隐藏：请打开“向他人显示我”后再发送请求。',
  CHAT_EMPTY: '请输入消息内容。',
  CHAT_TOO_LONG: '消息最多 2000 个字符。',
  CHAT_RATE_LIMITED: '发送过快，请稍候。',
  TOO_MANY_TABS: '您在太多标签页中打开了此会议大厅，最早的这个已关闭。请使用其他标签页。',
  CROSS_ORIGIN: '请求来源不正确。',
  FORBIDDEN: '您无权执行此操作。',
  INVALID_EVENT: '活动信息无效。',
  INVALID_EVENT_DAYS: '日期须为 2000-01-01 至 2099-12-31 之间的真实日期（YYYY-MM-DD），1 至 14 天。',
  INVALID_EVENT_WINDOWS: '每日时段无效：结束须晚于开始、不能重叠，且至少能容纳一场会议。',
  INVALID_SLOT_LENGTH: '每场时长须为 10 至 120 分钟且为 5 的倍数；间隔为 0 至 60 分钟。',
  INVALID_PARALLEL_LIMIT: '同时进行的会议上限须为正整数，或留空。',
  INVALID_WEIGHT: '权重须为 1 至 100 的整数。',
  INVALID_CSV: 'CSV 文件中有无法导入的行，未导入任何内容。',
  CSV_UNREADABLE: '无法读取此文件：它不是 CSV 格式（例如引号未闭合），未导入任何内容。',
  CSV_NO_ROWS: '文件中标题行之下没有任何数据行。',
  CSV_TOO_MANY_ROWS: '一次最多导入 5000 行，请把文件拆分后分批导入。',
  CSV_NO_EMAIL_COLUMN: '标题行中须有 email 列，未导入任何内容。',
  CSV_DUPLICATE_EMAIL: '此邮箱在文件中出现了不止一次。',
  EVENT_NOT_FOUND: '找不到此活动。',
  EVENT_MEETING_NOT_FOUND: '此活动中没有该会议。',
  UNKNOWN_SLOT: '此活动没有该时段。',
  EVENT_INVITE_ONLY: '此活动仅限组织者添加人员。',
  NOT_EVENT_PARTICIPANT: '会议双方都须已加入此活动。',
  EVENT_MEETING_EXISTS: '这两人在此活动中已有会议。',
  EVENT_HAS_MEETINGS: '此人在活动中已有已发布的会议，请先取消。',
  EVENT_SETTINGS_LOCKED: '已有会议安排后不能更改时段；请先清空排程。',
  SLOT_NOT_FREE: '有人无法参加该时段、该时段已有会议，或会议室已满。',
  CANNOT_MEET_SELF: '会议需要两位不同的参与者。',
  UNKNOWN_FIELD: '请求中有无法识别的字段。',
  INVALID_TYPE: '某项内容的类型不正确。',
  INVALID_JSON: '内容不是有效的 JSON。',
  UNSUPPORTED_MEDIA_TYPE: '文件格式不正确，请上传 CSV 文件。',
  NOT_FOUND: '找不到该页面或内容。',
  INVALID_LOCALE: '界面语言须为英文或中文。',
  INVALID_LIMIT: '数量须为 1 至 100 的整数。',
  REQUEST_NOT_FOUND: '找不到此请求。',
  NOT_REQUEST_RECIPIENT: '只有收到请求的一方可以回复。',
  NOT_REQUEST_SENDER: '只有发出请求的一方可以撤回。',
  CANNOT_HIDE_SELF: '不能隐藏自己。',
  INVALID_INSTANT: '时间格式不正确，或不在 2000 至 2099 年之间。',
  INVALID_RANGE: '结束时间须晚于开始时间。',
  RANGE_TOO_LONG: '查询的时间范围过长。',
  RANGE_TOO_FAR: '查询的时间过于遥远。',
  INVALID_DURATION: '时长须为 5 分钟的倍数，最长 8 小时。',
  START_OFF_GRID: '会议须在整点或每 15 分钟开始（如 10:00、10:15）。',
  SESSION_OVER: '此会议已结束。',
  PROPOSAL_NOT_FOUND: '此会议没有这个建议时间。',
  PROPOSAL_DECIDED: '这个建议时间已被接受或拒绝。',
  PROPOSAL_STALE: '提出此建议后，会议已被更改。',
  NOT_A_WEBINAR: '只有网络研讨会可以报名。',
  SESSION_NOT_OVER: '会议尚未结束，请在结束后回答。',
  NOT_A_MEETING: '只有会议才会询问成果。',
  UNKNOWN_RESULT: '请选择一个列出的会议结果。',
  UNKNOWN_STAGE: '请选择一个列出的进展阶段。',
  FOLLOW_UP_NOT_ASKED: '只有在回答“有合作可能”之后才能填写后续进展。',
  NOTE_TOO_LONG: '备注最多 2000 个字符。',
  INVALID_ANSWER_LINK: '此回答链接无效：链接被改动过，或属于他人。',
  TOO_MANY_PEOPLE: '一场会议最多 8 人；人数更多请使用网络研讨会。',
  INVALID_FRAME: '消息格式不正确。',
  UNKNOWN_TYPE: '无法识别的消息类型。',
  MAIL_NOT_FOUND: '找不到此邮件。',
  MAIL_ALREADY_SENT: '此邮件已发送。',
  INVALID_INSTANCE: '排程文件格式不正确。',
  SCHEDULE_RUNNING: '系统正在为此活动安排会议，请等这次完成后再试。',
  EVENT_CHANGED_DURING_RUN: '安排期间活动有了变动，结果未保存，请重新运行。',
  SCHEDULER_UNAVAILABLE: '排程程序未能完成，结果未保存，请重试。',
  DEV_TOOLS_OFF: '开发工具未开启。',
  INVALID_PERIOD: '请以 YYYY-MM 月份给出时间段，起始月份不晚于结束月份。',
  INVALID_CITY_PAIR: '城市对须为以逗号分隔的两个城市。',
  PROJECT_NOT_FOUND: '没有这个合作项目。',
  INVALID_PROJECT_TITLE: '项目需要标题（最多 200 个字符）。',
  PROJECT_SUMMARY_TOO_LONG: '项目简介最多 4000 个字符。',
  UNKNOWN_PROJECT_STAGE: '阶段须为：构想、提案、已签署谅解备忘录、实施中、已完成、已停止之一。',
  PROJECT_PARTNER_NOT_FOUND: '所列合作伙伴不是本平台的参与者。',
  TOO_MANY_PARTNERS: '一个项目最多 50 个合作伙伴。',
  PROJECT_SESSION_NOT_FOUND: '所列会议不存在，或您未参加该会议。',
};

const en: Record<string, string> = {
  LOBBY_REMOVED: 'A host removed you from this lobby.',
  ACCOUNT_ERASED: 'This account was erased.',
  SENDER_HIDDEN: 'You are hidden from others: turn on "Show me to others" to send requests.',
  LOBBY_DENIED: 'A host did not let you in this time. Reload the page to knock again.',
  SESSION_CANCELLED: 'This session was cancelled.',
  SESSION_NOT_FOUND: 'No such session.',
  CHAT_RATE_LIMITED: 'Slow down: too many messages.',
  TOO_MANY_TABS:
    'This lobby is open in too many of your tabs; this one, the oldest, was closed. Use another tab.',
};

/** A code from the lobby (which has no HTTP status) in the reader's language. */
export function describeCode(code: string, message: string): string {
  if (locale.value === 'zh') return zh[code] ?? t('errorGeneric');
  return en[code] ?? (message || t('errorGeneric'));
}

export function describeError(err: unknown, problem?: { code: string; message: string }): string {
  if (problem) return locale.value === 'zh' ? (zh[problem.code] ?? problem.message) : problem.message;
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t('networkError');
    if (locale.value !== 'zh') return err.message;
    // A CSV file refused as a whole says why in its one detail (field "file").
    const file = err.code === 'INVALID_CSV' ? err.details.find((d) => d.field === 'file') : undefined;
    if (file && zh[file.code]) return zh[file.code]!;
    return withWhom(err.code, zh[err.code] ?? t('errorGeneric'), err.details);
  }
  return t('errorGeneric');
}

/** Per-field messages for a form, from the server's `details`. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) {
    for (const d of err.details) {
      const field = d.field.split('.')[0] ?? d.field;
      out[field] ??= describeError(err, d);
    }
  }
  return out;
}
