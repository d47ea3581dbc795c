/**
 * The people of the demo conference. The chair and the guests are the ones the news article names
 * (/work/shared/sample-conference-article.vi.txt); the article names no secretary and no staff, so the
 * secretary and the eight delegates below are INVENTED, with invented units of the centre.
 */
import type { Role } from '../../shared/meeting.ts';

export interface DemoPerson {
  /** Short lowercase ASCII, easy to type on a phone at the sign-in page. */
  username: string;
  fullName: string;
  role: Role;
  /** The unit on the roster; for a guest, their title. */
  unit: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { username: 'kien', fullName: 'Cung Hồng Kiên', role: 'chair', unit: 'Phó Giám đốc phụ trách' },

  // Invented.
  { username: 'ha', fullName: 'Trần Thị Thu Hà', role: 'secretary', unit: 'Phòng Hành chính - Tổng hợp' },
  { username: 'hung', fullName: 'Nguyễn Văn Hùng', role: 'delegate', unit: 'Phòng Nghiên cứu Laser công suất' },
  { username: 'tuan', fullName: 'Đỗ Minh Tuấn', role: 'delegate', unit: 'Phòng Nghiên cứu Laser công suất' },
  { username: 'bao', fullName: 'Phạm Quốc Bảo', role: 'delegate', unit: 'Phòng Thiết kế - Chế tạo thiết bị' },
  { username: 'thang', fullName: 'Vũ Đức Thắng', role: 'delegate', unit: 'Phòng Thiết kế - Chế tạo thiết bị' },
  { username: 'ngocanh', fullName: 'Hoàng Thị Ngọc Anh', role: 'delegate', unit: 'Phòng Ứng dụng Laser trong y sinh' },
  { username: 'huong', fullName: 'Bùi Thị Hương', role: 'delegate', unit: 'Phòng Ứng dụng Laser trong y sinh' },
  { username: 'lan', fullName: 'Lê Thị Lan', role: 'delegate', unit: 'Phòng Hành chính - Tổng hợp' },
  { username: 'long', fullName: 'Ngô Văn Long', role: 'delegate', unit: 'Xưởng Thực nghiệm và Dịch vụ kỹ thuật' },

  // The guests from the Institute, as the article names them.
  {
    username: 'khoi',
    fullName: 'Giang Mạnh Khôi',
    role: 'observer',
    unit: 'Phó Bí thư, Phó Viện trưởng Viện Ứng dụng công nghệ',
  },
  { username: 'nam', fullName: 'Nguyễn Minh Nam', role: 'observer', unit: 'Phó Chánh Văn phòng Viện Ứng dụng công nghệ' },
  {
    username: 'mai',
    fullName: 'Nguyễn Thị Thanh Mai',
    role: 'observer',
    unit: 'Đại diện Ban Chấp hành Công đoàn Viện Ứng dụng công nghệ',
  },
];
