/** Dates at the counter are Asia/Shanghai dates, whatever the machine's clock zone. */
const shanghaiDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD in Asia/Shanghai. */
export const shanghaiDate = (instant: Date): string => shanghaiDateFormat.format(instant);

const shanghaiTimeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** YYYY-MM-DD HH:mm in Asia/Shanghai: a time as printed on paper at the counter. */
export const shanghaiDateTime = (instant: Date): string => `${shanghaiDate(instant)} ${shanghaiTimeFormat.format(instant)}`;

/** Counter + date + sequence of the day, e.g. `C01-20261128-0007`: readable aloud at the counter. */
export const formatCaseNumber = (counterId: string, date: string, sequenceOfDay: number): string =>
  `${counterId}-${date.replaceAll('-', '')}-${String(sequenceOfDay).padStart(4, '0')}`;
