/** RFC 4180 text: every cell quoted (names hold commas), quotes doubled, Windows line ends for Excel. */
export function slipsCsv(rows: string[][]): string {
  return rows.map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}
