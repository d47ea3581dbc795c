import { describe, expect, it } from 'vitest';
import { detectSeparator, readRosterCsv } from './import-csv.ts';
import { uniqueUsername, usernameBase } from './import-usernames.ts';

const cellsOf = (text: string) => {
  const reading = readRosterCsv(text);
  if (!reading.ok) throw new Error(`malformed at ${reading.line}`);
  return { separator: reading.separator, rows: reading.records.map((r) => [r.line, ...r.cells]) };
};

describe('roster CSV reading', () => {
  it('[RI1] detects the separator from the first line, quotes respected; ties and one column go to a comma', () => {
    expect(detectSeparator('Họ và tên;Tên đăng nhập;Vai trò;Đơn vị\nA,b;c')).toBe(';');
    expect(detectSeparator('Họ và tên\tTên đăng nhập\tVai trò\tĐơn vị')).toBe('\t');
    expect(detectSeparator('Lê Văn Dũng,dung,đại biểu,"Phòng A; B; C"')).toBe(',');
    expect(detectSeparator('"Phòng Kế hoạch, Tài chính";x;y')).toBe(';');
    expect(detectSeparator('"Hai\ndòng, một ô";x;y\na,b,c,d,e')).toBe(';');
    expect(detectSeparator('Lê Văn Dũng')).toBe(',');
    expect(detectSeparator('a,b;c')).toBe(',');
  });

  it('[RI1] reads `;` with a byte-order mark and Windows line ends, a cell holding commas kept whole', () => {
    const text = '\uFEFFHọ và tên;Tên đăng nhập;Vai trò;Đơn vị\r\nĐỗ Thị Hương;huong;Đại biểu;Phòng Kế hoạch, Tài chính\r\n';
    expect(cellsOf(text)).toEqual({
      separator: ';',
      rows: [
        [1, 'Họ và tên', 'Tên đăng nhập', 'Vai trò', 'Đơn vị'],
        [2, 'Đỗ Thị Hương', 'huong', 'Đại biểu', 'Phòng Kế hoạch, Tài chính'],
      ],
    });
  });

  it('[RI1] reads tabs (cells pasted from a spreadsheet), trimming spaces, keeping empty cells', () => {
    expect(cellsOf('Vũ Quang Huy\t\tĐại biểu\t Phòng Laser \nLê Văn Dũng\tdung\tKhách mời\t').rows).toEqual([
      [1, 'Vũ Quang Huy', '', 'Đại biểu', 'Phòng Laser'],
      [2, 'Lê Văn Dũng', 'dung', 'Khách mời', ''],
    ]);
  });

  it('[RI1] follows Excel’s "sep=" line, skips blank lines and rows of empty cells, and numbers rows by file line', () => {
    const text = 'sep=;\r\nVũ Quang Huy;huy;Đại biểu;A\r\n\r\n;;;\r\n"Đỗ Thị\r\nHương";huong;Đại biểu;B\r\n';
    expect(cellsOf(text)).toEqual({
      separator: ';',
      rows: [
        [2, 'Vũ Quang Huy', 'huy', 'Đại biểu', 'A'],
        [6, 'Đỗ Thị\nHương', 'huong', 'Đại biểu', 'B'],
      ],
    });
    expect(cellsOf('sep=,').rows).toEqual([]);
  });

  it('[RI1] a malformed file names its line', () => {
    expect(readRosterCsv('a;b;c;d\n"Lê Văn Dũng;dung;x;y')).toEqual({ ok: false, line: 2 });
  });
});

describe('generated usernames', () => {
  it('[RI2] given name then the initials of the others, without diacritics, đ read as d', () => {
    expect(usernameBase('Nguyễn Văn Hùng')).toBe('hungnv');
    expect(usernameBase('Đỗ Thị Hương')).toBe('huongdt');
    expect(usernameBase('Hoàng Thị Ngọc Anh')).toBe('anhhtn');
    expect(usernameBase('Trần Đức')).toBe('duct');
    expect(usernameBase('  NGUYỄN   văn  hùng ')).toBe('hungnv');
    expect(usernameBase('Nguye\u0302\u0303n Va\u0306n Hu\u0300ng')).toBe('hungnv');
    expect(usernameBase('Y')).toBe('yy');
    expect(usernameBase('李小龍')).toBe('user');
    expect(usernameBase(`${'A'.repeat(50)} ${'B'.repeat(50)}`)).toHaveLength(36);
  });

  it('[RI2] made unique with the smallest free number from 2', async () => {
    const taken = new Set(['hungnv', 'hungnv2', 'hungnv4']);
    expect(await uniqueUsername('hungnv', (u) => taken.has(u))).toBe('hungnv3');
    expect(await uniqueUsername('huongdt', (u) => taken.has(u))).toBe('huongdt');
  });
});
