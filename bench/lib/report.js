/** Plain-text tables and PASS/FAIL lines for the bench output. */
'use strict';

const { redact } = require('./tokens');

/** Error text for a table cell or a target line: redacted and short. */
function shortError(text) {
  const clean = redact(text);
  return clean.length > 70 ? `${clean.slice(0, 69)}…` : clean;
}

function formatMs(ms) {
  if (ms === null || ms === undefined) return 'n/a';
  return ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

function formatMb(mb) {
  return mb === null || mb === undefined ? 'n/a' : mb.toFixed(1);
}

function ratio(numerator, denominator) {
  if (!numerator || !denominator) return 'n/a';
  return `${(numerator / denominator).toFixed(2)}x`;
}

function table(headers, rows, rightAligned) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells) =>
    cells
      .map((cell, i) => (rightAligned[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [format(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(format)].join(
    '\n',
  );
}

function findingsCell(row, scenario, verify) {
  if (row.role === 'seg-hook' && verify) {
    if (verify.error) return `error: ${shortError(verify.error)}`;
    const verdict =
      verify.count === scenario.expected ? '= planted' : `!= planted ${scenario.expected}`;
    return `${verify.count} ${verdict}`;
  }
  if (row.count === undefined) return '';
  return row.countUnit ? `${row.count} ${row.countUnit}` : String(row.count);
}

/**
 * One table per scenario: median wall ms, median peak RSS, and seg-hook's figure divided by the
 * row's (below 1.00x: seg-hook is faster / smaller).
 */
function scenarioTable(rows, scenario, verify) {
  const segHook = rows.find((row) => row.role === 'seg-hook');
  const headers = [
    'command',
    'runs',
    'wall ms',
    'cpu ms',
    'peak RSS MB',
    'seg-hook/this wall',
    'seg-hook/this RSS',
    'findings',
  ];
  const body = rows.map((row) => {
    if (row.error) return [row.name, '0', 'error', '', '', '', '', shortError(row.error)];
    return [
      row.name,
      String(row.runs),
      formatMs(row.wallMs),
      formatMs(row.cpuMs),
      formatMb(row.rssMb),
      ratio(segHook && segHook.wallMs, row.wallMs),
      ratio(segHook && segHook.rssMb, row.rssMb),
      findingsCell(row, scenario, verify),
    ];
  });
  return table(headers, body, [false, true, true, true, true, true, true, false]);
}

/** A target line: PASS, FAIL, or N/A when a figure is missing. */
function targetLine(ok, text) {
  const verdict = ok === null ? 'N/A ' : ok ? 'PASS' : 'FAIL';
  return `${verdict}  ${text}`;
}

module.exports = { shortError, table, scenarioTable, targetLine, formatMs, formatMb, ratio };
