// Screen hours: when a board may show children. `null` means always; otherwise ISO weekdays
// (1 = Monday) and "HH:MM" times in the school's time zone, not the screen's.

const WEEKDAYS = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// { day: 1..7, time: "HH:MM" } of `date` in `timezone`.
export function schoolClock(timezone, date = new Date()) {
  let format;
  try {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: timezone,
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
  } catch {
    format = new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return { day: WEEKDAYS[parts.weekday], time: `${parts.hour}:${parts.minute}` };
}

export function withinHours(hours, timezone, date = new Date()) {
  if (!hours) return true;
  const { day, time } = schoolClock(timezone, date);
  const days = hours.days || [1, 2, 3, 4, 5, 6, 7];
  if (hours.start <= hours.end) {
    return days.includes(day) && time >= hours.start && time < hours.end;
  }
  // Past midnight (e.g. 22:00-02:00): the part after midnight belongs to the day before.
  const yesterday = day === 1 ? 7 : day - 1;
  return (days.includes(day) && time >= hours.start) || (days.includes(yesterday) && time < hours.end);
}
