export interface ReportOptions {
  /** Show tokens redacted (the default). `--no-redact` turns this off for local debugging. */
  redact: boolean;
  color: boolean;
}
