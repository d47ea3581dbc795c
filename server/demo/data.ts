/**
 * The demo conference: the Laser Technology Centre's year-end conference of 19 December 2023, as reported in
 * /work/shared/sample-conference-article.vi.txt. load.ts turns it into accounts, a meeting, its roster and
 * its draft documents.
 */
import type { TemplateMeeting } from '../../shared/templates/index.ts';
import { demoDocuments, type DemoDocument } from './documents.ts';
import { DEMO_PEOPLE, type DemoPerson } from './people.ts';

export type { DemoDocument, DemoPerson };

/** Shown on the sign-in page: every demo account signs in with it. */
export const DEMO_PASSWORD = 'hoinghi2023';

export interface DemoConference {
  meeting: TemplateMeeting;
  people: DemoPerson[];
  documents: DemoDocument[];
}

const meeting: TemplateMeeting = {
  title:
    'Hội nghị Tổng kết công tác năm 2023, Phương hướng nhiệm vụ năm 2024 và Hội nghị cán bộ viên chức năm 2023',
  kind: 'employee_conference',
  startsAt: '2023-12-19T08:00',
  place: 'Hội trường Trung tâm Công nghệ Laser',
  locality: 'Hà Nội',
  issuingBody: 'TRUNG TÂM CÔNG NGHỆ LASER',
  parentBody: 'VIỆN ỨNG DỤNG CÔNG NGHỆ',
  symbol: 'TTCNL',
  // The order of business of Law 10/2022/QH15 Art. 51(4), as far as the article reports it.
  agenda: [
    'Báo cáo tổng kết công tác năm 2023, phương hướng, nhiệm vụ trọng tâm năm 2024 (đồng chí Cung Hồng Kiên, Phó Giám đốc phụ trách)',
    'Báo cáo kết quả thực hiện Nghị quyết Hội nghị cán bộ viên chức năm 2022',
    'Thảo luận về hạn chế, tồn tại, nguyên nhân và giải pháp; giải đáp ý kiến của viên chức',
    'Phát biểu chỉ đạo của đồng chí Giang Mạnh Khôi, Phó Bí thư, Phó Viện trưởng Viện Ứng dụng công nghệ',
    'Biểu quyết thông qua Nghị quyết Hội nghị cán bộ viên chức năm 2023 và Kế hoạch năm 2024',
  ],
};

export const DEMO: DemoConference = {
  meeting,
  people: [...DEMO_PEOPLE],
  documents: demoDocuments(meeting, DEMO_PEOPLE),
};
