/**
 * The API's error codes, each with its HTTP status and its message in both languages. The code is the stable
 * part that programs test; the message is for people.
 */
export const ERRORS = {
  invalid_request: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
  unauthenticated: { status: 401, vi: 'Bạn cần đăng nhập.', en: 'Please sign in.' },
  invalid_credentials: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  wrong_password: {
    status: 403,
    vi: 'Mật khẩu hiện tại không đúng.',
    en: 'The current password is wrong.',
  },
  forbidden: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You may not do this.' },
  origin_mismatch: {
    status: 403,
    vi: 'Yêu cầu đến từ một trang khác nên bị từ chối.',
    en: 'The request came from another site and was refused.',
  },
  not_found: { status: 404, vi: 'Không tìm thấy.', en: 'Not found.' },
  username_taken: { status: 409, vi: 'Tên đăng nhập này đã có người dùng.', en: 'This username is taken.' },
  already_member: {
    status: 409,
    vi: 'Người này đã có trong thành phần cuộc họp.',
    en: 'This person is already on the roster.',
  },
  setup_done: {
    status: 409,
    vi: 'Hệ thống đã có tài khoản quản trị.',
    en: 'The first administrator already exists.',
  },
  demo_loaded: { status: 409, vi: 'Hội nghị mẫu đã được tải.', en: 'The demo conference is already loaded.' },
  invalid_transition: {
    status: 409,
    vi: 'Cuộc họp không thể chuyển sang trạng thái này.',
    en: 'The meeting cannot move to this status.',
  },
  not_in_session: {
    status: 409,
    vi: 'Chỉ điểm danh được khi cuộc họp đang diễn ra.',
    en: 'Attendance can be taken only while the meeting is in session.',
  },
  last_chair: {
    status: 409,
    vi: 'Cuộc họp phải có ít nhất một chủ tọa.',
    en: 'The meeting must keep at least one chair.',
  },
  too_large: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request is too large.' },
  rate_limited: {
    status: 429,
    vi: 'Bạn đã thử đăng nhập quá nhiều lần. Vui lòng đợi một phút rồi thử lại.',
    en: 'Too many sign-in attempts. Please wait a minute and try again.',
  },
  internal: { status: 500, vi: 'Máy chủ gặp lỗi. Vui lòng thử lại.', en: 'Server error. Please try again.' },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
