const format = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * "5 Jan 2027": a day in UTC, so a page rendered on the server says the same day to every user.
 * Retention ends are days; the exact time is the element's dateTime.
 */
export function formatDay(date: Date): string {
  return `${format.format(date)} (UTC)`;
}
