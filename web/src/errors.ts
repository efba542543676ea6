/** The server's refusals in the reader's language; English keeps the server's own precise words. */
import { ApiError } from './api';
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
  MISSING_FIELD: '请填写此项。',
  VALIDATION_FAILED: '内容格式不正确。',
  BODY_TOO_LARGE: '内容过长。',
  CANNOT_REQUEST_SELF: '不能向自己发送请求。',
  RECIPIENT_UNAVAILABLE: '对方暂不接收您的请求。',
  REQUEST_ALREADY_OPEN: '您已向对方发出请求，正在等待回复。',
  REQUEST_FROM_THEM_OPEN: '对方已向您发出请求，请直接回复。',
  DAILY_LIMIT_REACHED: '今日发送的请求已达上限，请明天再试。',
  MESSAGE_TOO_LONG: '留言过长。',
  REQUEST_NOT_PENDING: '此请求已被回复、撤回或已过期。',
  PARTICIPANT_NOT_FOUND: '找不到此用户。',
  SLOT_TAKEN: '该时间已被预订，请选择其他时间。',
  OUTSIDE_WORKING_HOURS: '该时间不在某位参与者的工作时间内，或恰逢公共假日。',
  START_IN_PAST: '开始时间已过。',
};

export function describeError(err: unknown, problem?: { code: string; message: string }): string {
  if (problem) return locale.value === 'zh' ? (zh[problem.code] ?? problem.message) : problem.message;
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t('networkError');
    return locale.value === 'zh' ? (zh[err.code] ?? t('errorGeneric')) : err.message;
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
