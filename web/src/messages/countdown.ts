/** The lobby's countdown when the start is more than a day away. */
export const en = {
  countdownDayHours: '1 day {h} h',
  countdownDaysHours: '{d} days {h} h',
};

export const zh: Record<keyof typeof en, string> = {
  countdownDayHours: '1 天 {h} 小时',
  countdownDaysHours: '{d} 天 {h} 小时',
};
