/**
 * The demo's draft minutes and resolution, filled with what the article reports of the conference: the figures
 * of 2023 (02 national tasks, 08 tasks chaired, 09 papers) and the three directions of the Institute's speech.
 * Built with the same templates as any new document, so the demo shows exactly what the product makes.
 */
import type { JSONContent } from '@tiptap/core';
import { formatDate } from '../../shared/format.ts';
import type { DocumentKind } from '../../shared/meeting.ts';
import { buildMinutes, buildResolution, defaultDocumentTitle, type TemplateData, type TemplateMeeting } from '../../shared/templates/index.ts';
import type { DemoPerson } from './people.ts';

export interface DemoDocument {
  kind: DocumentKind;
  title: string;
  content: JSONContent;
}

const NATIONAL_TASK =
  '“Nghiên cứu, thiết kế, chế tạo, tích hợp thiết bị Robot cắt kim loại sử dụng bức xạ fiber laser”, mã số ĐTĐL.CN-126/21';

const DIRECTIONS = [
  'Tiếp tục tập trung vào các sản phẩm mũi nhọn của Trung tâm',
  'Đẩy mạnh tìm kiếm, phát triển thị trường để đáp ứng được nhu cầu thực tế',
  'Tiếp tục phát triển nguồn lực, từ cơ sở vật chất đến nguồn nhân lực, để thích ứng với xu thế tự chủ hiện nay',
];

function templateData(meeting: TemplateMeeting, people: readonly DemoPerson[]): TemplateData {
  const named = (role: DemoPerson['role']) => people.filter((p) => p.role === role).map((p) => p.fullName);
  return {
    meeting,
    chairs: named('chair'),
    secretaries: named('secretary'),
    // Drafted before anyone has checked in: the minutes ask for the count the meeting will show.
    attendance: { present: 0, total: people.filter((p) => p.role !== 'observer').length },
  };
}

function resolution(data: TemplateData): JSONContent {
  return buildResolution(data, {
    summary: 'Hội nghị cán bộ viên chức năm 2023',
    articles: [
      {
        text:
          'Thông qua Báo cáo tổng kết công tác năm 2023, phương hướng, nhiệm vụ trọng tâm năm 2024 của Trung tâm ' +
          'Công nghệ Laser và Báo cáo kết quả thực hiện Nghị quyết Hội nghị cán bộ viên chức năm 2022. Hội nghị ghi ' +
          'nhận các kết quả chính của năm 2023:',
        points: [
          `1. Thực hiện các nội dung chuyên môn của 02 nhiệm vụ KH&CN cấp Quốc gia; hoàn thành cơ bản việc mua sắm vật tư và 21 báo cáo chuyên đề của nhiệm vụ ${NATIONAL_TASK};`,
          '2. Chủ trì thực hiện 08 nhiệm vụ KH&CN các cấp (02 nhiệm vụ cấp Bộ chuyển tiếp từ năm 2021, 02 nhiệm vụ cấp Bộ chuyển tiếp từ năm 2022, 01 nhiệm vụ cấp Bộ mở mới năm 2023 và 03 nhiệm vụ cấp cơ sở); nghiệm thu 02 nhiệm vụ cấp Bộ theo tiến độ;',
          '3. Viết và gửi đăng 09 báo cáo khoa học, trong đó 02 bài trên tạp chí khoa học công nghệ quốc tế;',
          '4. Ban hành Quy chế chi tiêu nội bộ, Quy chế làm việc và Quy trình thực hiện đối với hợp đồng dịch vụ, cung cấp thiết bị và chuyển giao công nghệ.',
          'Hội nghị nhận thấy hoạt động sản xuất kinh doanh dịch vụ năm 2023 còn gặp nhiều khó khăn, kết quả còn hạn chế, không đạt chỉ tiêu đề ra.',
        ],
      },
      {
        text: 'Thông qua Kế hoạch năm 2024 của Trung tâm. Năm 2024, Trung tâm tập trung thực hiện các nhiệm vụ trọng tâm sau:',
        points: [
          ...DIRECTIONS.map((d, i) => `${i + 1}. ${d};`),
          `4. Hoàn thành các nội dung được giao của nhiệm vụ KH&CN cấp Quốc gia mã số ĐTĐL.CN-126/21; tổ chức nghiệm thu 02 đề tài cấp Bộ và 03 đề tài cấp cơ sở năm 2023 theo kế hoạch.`,
        ],
      },
      {
        text:
          `Nghị quyết này được Hội nghị cán bộ viên chức năm 2023 của Trung tâm Công nghệ Laser thông qua ` +
          `${formatDate(data.meeting.startsAt)} và có hiệu lực kể từ ngày ký. Lãnh đạo Trung tâm, Công đoàn Trung ` +
          'tâm, các phòng, bộ phận và toàn thể viên chức, người lao động của Trung tâm có trách nhiệm thực hiện ' +
          'Nghị quyết này./.',
      },
    ],
    recipients: ['Viện Ứng dụng công nghệ (để báo cáo);', 'Công đoàn Viện;', 'Viên chức, người lao động Trung tâm;'],
  });
}

function minutes(data: TemplateData, people: readonly DemoPerson[]): JSONContent {
  return buildMinutes(data, {
    guests: people.filter((p) => p.role === 'observer').map((p) => `đồng chí ${p.fullName}, ${p.unit}`),
    // One list per agenda item, in the agenda's order (data.ts).
    proceedings: [
      [
        'Đồng chí Cung Hồng Kiên, Phó Giám đốc phụ trách, thay mặt Trung tâm trình bày Báo cáo tổng kết công tác năm 2023, phương hướng, nhiệm vụ trọng tâm năm 2024. Năm 2023, mặc dù gặp nhiều khó khăn nhưng tập thể viên chức và người lao động của Trung tâm đã cố gắng hoàn thành khá tốt các nhiệm vụ được giao.',
        `Trong năm 2023, Trung tâm được Viện giao thực hiện các nội dung chuyên môn của 02 nhiệm vụ KH&CN cấp Quốc gia; được giao chủ trì thực hiện 08 nhiệm vụ KH&CN các cấp (trong đó có 02 nhiệm vụ cấp Bộ chuyển tiếp từ năm 2021, 02 nhiệm vụ cấp Bộ chuyển tiếp từ năm 2022, 01 nhiệm vụ cấp Bộ mở mới trong năm 2023 và 03 nhiệm vụ cấp cơ sở). Đối với nhiệm vụ cấp Quốc gia ${NATIONAL_TASK}, Trung tâm đã hoàn thành cơ bản việc mua sắm vật tư và 21 báo cáo chuyên đề. Trung tâm đã nghiệm thu 02 nhiệm vụ cấp Bộ theo tiến độ và chuẩn bị nghiệm thu 02 đề tài cấp Bộ, 03 đề tài cấp cơ sở năm 2023.`,
        'Từ các kết quả nghiên cứu, Trung tâm đã viết và gửi đăng 09 báo cáo khoa học: 02 bài trên tạp chí khoa học công nghệ quốc tế, 01 bài tại hội nghị khoa học quốc tế, 01 bài trên tạp chí khoa học trong nước, 02 bài tại Hội nghị Quang học quang phổ toàn quốc lần thứ 12 và 03 bài tại Hội nghị Vật lý kỹ thuật và ứng dụng và Hội nghị khoa học tự nhiên CASEAN-7. Trung tâm đã ban hành Quy chế chi tiêu nội bộ, Quy chế làm việc, Quy trình thực hiện đối với hợp đồng dịch vụ, cung cấp thiết bị và chuyển giao công nghệ.',
        'Hoạt động sản xuất kinh doanh dịch vụ năm 2023 tiếp tục gặp nhiều khó khăn nên kết quả còn hạn chế, không đạt chỉ tiêu đề ra.',
      ],
      // The article does not say who presented it: left for the secretary to fill.
      ['Đồng chí … trình bày Báo cáo kết quả thực hiện Nghị quyết Hội nghị cán bộ viên chức năm 2022.'],
      [
        'Hội nghị đã trao đổi về các mặt hạn chế, tồn tại, phân tích nguyên nhân và tìm ra các giải pháp, nhất là đối với hoạt động sản xuất kinh doanh dịch vụ.',
        'Ý kiến của các đại biểu: …',
      ],
      [
        `Đồng chí Giang Mạnh Khôi chúc mừng các kết quả mà Trung tâm đã đạt được trong năm 2023 và chỉ ra những nội dung trọng tâm Trung tâm cần thực hiện trong thời gian tới: ${DIRECTIONS.map((d, i) => `(${i + 1}) ${d}`).join('; ')}.`,
      ],
      [
        'Hội nghị biểu quyết thông qua Báo cáo kết quả thực hiện Nghị quyết Hội nghị cán bộ viên chức năm 2022, Nghị quyết Hội nghị cán bộ viên chức năm 2023 và Kế hoạch năm 2024 của Trung tâm.',
      ],
    ],
    recipients: ['Viện Ứng dụng công nghệ (để báo cáo);'],
  });
}

export function demoDocuments(meeting: TemplateMeeting, people: readonly DemoPerson[]): DemoDocument[] {
  const data = templateData(meeting, people);
  return [
    { kind: 'NQ', title: 'Nghị quyết Hội nghị cán bộ viên chức năm 2023', content: resolution(data) },
    { kind: 'BB', title: defaultDocumentTitle('BB', meeting), content: minutes(data, people) },
  ];
}
