/** One bar of a chart: a short axis label, the plotted number and the exact value as text. */
export type Bar = {
  key: string;
  /** Short label under the bar, e.g. "4 Mar". */
  label: string;
  /** Full name of the bar for the tooltip and the table, e.g. "Week of 4 Mar 2027". */
  title: string;
  /** The plotted value (a float is fine: the exact value is `valueText`). */
  value: number;
  /** The exact value as shown to people, e.g. "60,000 LOCK". */
  valueText: string;
  /** Drawn in a lighter colour, e.g. a week still running. */
  muted?: boolean;
};
