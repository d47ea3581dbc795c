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
  agenda_outside_sitting: {
    status: 409,
    vi: 'Chỉ đánh dấu được mục đang thảo luận khi cuộc họp đang diễn ra.',
    en: 'An agenda item can be marked as under discussion only while the meeting is in session.',
  },
  meeting_not_started: {
    status: 409,
    vi: 'Cuộc họp chưa bắt đầu nên chưa thể mở biểu quyết.',
    en: 'The meeting has not started yet, so no vote can be opened.',
  },
  meeting_closed: {
    status: 409,
    vi: 'Cuộc họp đã kết thúc nên không thể chuẩn bị, sửa hay mở biểu quyết nữa.',
    en: 'The meeting is closed, so votes can no longer be prepared, edited or opened.',
  },
  last_chair: {
    status: 409,
    vi: 'Cuộc họp phải có ít nhất một chủ tọa.',
    en: 'The meeting must keep at least one chair.',
  },
  motion_not_draft: {
    status: 409,
    vi: 'Biểu quyết này đã được mở; chỉ sửa hoặc mở được khi còn là dự thảo.',
    en: 'This vote has already been opened; only a draft can be edited or opened.',
  },
  motion_not_open: {
    status: 409,
    vi: 'Biểu quyết chưa mở hoặc đã kết thúc.',
    en: 'The vote is not open: it has not started or it has ended.',
  },
  already_voted: {
    status: 409,
    vi: 'Bạn đã biểu quyết; phiếu đã ghi nhận không thể thay đổi.',
    en: 'You have already voted; a recorded ballot cannot be changed.',
  },
  not_eligible: {
    status: 403,
    vi: 'Chỉ chủ tọa, thư ký và đại biểu được biểu quyết; khách mời không biểu quyết.',
    en: 'Only the chair, secretaries and delegates vote; observers do not.',
  },
  not_present: {
    status: 409,
    vi: 'Bạn cần điểm danh có mặt trước khi biểu quyết.',
    en: 'Check in as present before you vote.',
  },
  quorum_not_met: {
    status: 409,
    vi: 'Chưa đủ số đại biểu có mặt theo quy định nên chưa thể mở biểu quyết.',
    en: 'Not enough members are present to open the vote.',
  },
  document_locked: {
    status: 409,
    vi: 'Văn bản đang được biểu quyết hoặc đã được thông qua nên không thể đưa ra biểu quyết lần nữa.',
    en: 'The document is being voted on or has been adopted, so it cannot be put to another vote.',
  },
  wrong_form: {
    status: 409,
    vi: 'Hình thức biểu quyết này không nhận thao tác đó (giơ tay do thư ký ghi số; bỏ phiếu điện tử do từng người).',
    en: 'This form of vote does not take that (a show of hands is counted by the secretary; electronic ballots by each person).',
  },
  tally_too_high: {
    status: 409,
    vi: 'Tổng số phiếu giơ tay vượt quá số đại biểu có mặt.',
    en: 'The show-of-hands counts add up to more than the members present.',
  },
  tally_missing: {
    status: 409,
    vi: 'Thư ký chưa ghi kết quả giơ tay nên chưa thể kết thúc biểu quyết.',
    en: 'The secretary has not recorded the show of hands yet, so the vote cannot be closed.',
  },
  revote_not_closed: {
    status: 409,
    vi: 'Chỉ biểu quyết lại được một biểu quyết đã kết thúc.',
    en: 'Only a closed vote can be repeated.',
  },
  vote_open: {
    status: 409,
    vi: 'Đang có biểu quyết chưa kết thúc; hãy kết thúc biểu quyết trước khi bế mạc cuộc họp.',
    en: 'A vote is still open; close it before closing the meeting.',
  },
  already_revoted: {
    status: 409,
    vi: 'Biểu quyết này đã có một lần biểu quyết lại.',
    en: 'This vote has already been repeated.',
  },
  suggestion_not_found: {
    status: 404,
    vi: 'Không còn đề xuất nào như vậy trong văn bản (có thể đã được chấp nhận, từ chối hoặc rút lại).',
    en: 'The document has no such suggestion any more (it may have been accepted, rejected or withdrawn).',
  },
  not_own_suggestion: {
    status: 403,
    vi: 'Bạn chỉ rút lại được đề xuất của chính mình.',
    en: 'You can only withdraw your own suggestions.',
  },
  suggestion_in_amendment: {
    status: 409,
    vi: 'Đề xuất này đã thuộc một sửa đổi đang chờ biểu quyết; hãy biểu quyết, rút hoặc hoãn sửa đổi đó trước.',
    en: 'This suggestion is part of an amendment awaiting its vote; vote on, withdraw or postpone that amendment first.',
  },
  not_an_amendment: {
    status: 409,
    vi: 'Biểu quyết này không phải là một sửa đổi.',
    en: 'This motion is not an amendment.',
  },
  amendment_set_aside: {
    status: 409,
    vi: 'Sửa đổi này đã được rút hoặc tạm hoãn nên không thể đưa ra biểu quyết.',
    en: 'This amendment was withdrawn or postponed, so it cannot be put to the vote.',
  },
  amendment_not_set_aside: {
    status: 409,
    vi: 'Sửa đổi này không ở trạng thái tạm hoãn.',
    en: 'This amendment is not postponed.',
  },
  amendment_suggestions_gone: {
    status: 409,
    vi: 'Một số đề xuất của sửa đổi này không còn trong văn bản; hãy rút sửa đổi và tạo lại.',
    en: 'Some suggestions of this amendment are no longer in the text; withdraw it and make it again.',
  },
  amendment_no_revote: {
    status: 409,
    vi: 'Không biểu quyết lại một sửa đổi theo cách này; hãy tạo sửa đổi mới từ các đề xuất còn trong văn bản.',
    en: 'An amendment is not voted again this way; make a new amendment from the suggestions still in the text.',
  },
  amendment_document: {
    status: 409,
    vi: 'Sửa đổi gắn với văn bản chứa các đề xuất của nó, không chuyển sang văn bản khác được.',
    en: 'An amendment stays bound to the document its suggestions are in.',
  },
  amendment_settled: {
    status: 409,
    vi: 'Sửa đổi này chưa kết thúc biểu quyết, hoặc kết quả của nó đã được áp dụng vào văn bản.',
    en: 'This amendment’s vote has not ended, or its outcome is already applied to the text.',
  },
  amendment_not_applied: {
    status: 503,
    vi: 'Chưa áp dụng được kết quả sửa đổi vào văn bản. Máy chủ sẽ tự thử lại; bạn cũng có thể thử lại sau ít phút.',
    en: 'The amendment’s outcome could not be applied to the text yet. The server will try again by itself; you may also try again in a few minutes.',
  },
  amendments_pending: {
    status: 409,
    vi: 'Văn bản còn sửa đổi chưa biểu quyết; hãy biểu quyết, rút hoặc hoãn các sửa đổi trước khi biểu quyết toàn văn.',
    en: 'The document still has amendments awaiting their vote; vote on, withdraw or postpone them before the final vote.',
  },
  document_read_only: {
    status: 409,
    vi: 'Văn bản đang bị khóa (đang biểu quyết, đã thông qua, đang chờ hoặc đã ban hành) nên không thể thay đổi nội dung.',
    en: 'The document is locked (being voted on, adopted, awaiting finalisation or finalised), so its text cannot change.',
  },
  not_finalisable: {
    status: 409,
    vi: 'Chỉ ban hành được văn bản đã được biểu quyết thông qua, hoặc biên bản của cuộc họp đã bế mạc.',
    en: 'Only an adopted document, or the minutes of a closed meeting, can be finalised.',
  },
  finalisation_pending: {
    status: 409,
    vi: 'Văn bản đang chờ chủ tọa xác nhận ban hành.',
    en: 'The document is already awaiting the chair’s confirmation.',
  },
  no_finalisation_request: {
    status: 409,
    vi: 'Văn bản chưa được đề nghị ban hành.',
    en: 'Nobody has asked for this document to be finalised.',
  },
  already_final: {
    status: 409,
    vi: 'Văn bản đã được ban hành và không thể thay đổi.',
    en: 'The document has been finalised and cannot change.',
  },
  placeholders_remain: {
    status: 409,
    vi: 'Văn bản còn chỗ trống (…) chưa điền. Hãy điền, hoặc xác nhận từng chỗ là cố ý để trống, rồi đề nghị ban hành lại.',
    en: 'The document still has blanks (…). Fill them in, or confirm each one is left blank on purpose, then ask again.',
  },
  token_cannot_create_tokens: {
    status: 403,
    vi: 'Không thể dùng mã API để tạo mã API mới; hãy đăng nhập để tạo.',
    en: 'An API token cannot create API tokens; sign in to create one.',
  },
  own_role: {
    status: 403,
    vi: 'Không ai tự đổi vai trò của chính mình; hãy nhờ chủ tọa hoặc quản trị viên.',
    en: 'Nobody changes their own role; ask a chair or an administrator.',
  },
  chair_reserved: {
    status: 403,
    vi: 'Chỉ chủ tọa hoặc quản trị viên mới trao, đổi hoặc thu hồi vai trò chủ tọa.',
    en: 'Only a chair or an administrator grants, changes or removes the chair’s role.',
  },
  import_unconfirmed: {
    status: 409,
    vi: 'Có dòng thay đổi người đã có (tên đăng nhập của người khác họ tên, hoặc đổi vai trò) chưa được xác nhận, hoặc danh sách đã thay đổi từ lúc xem trước. Chưa có gì được thay đổi; hãy xem lại bản xem trước.',
    en: 'Some rows change people who already exist (a username of someone with another name, or a role change) without being confirmed, or the roster changed since the preview. Nothing was changed; review the preview again.',
  },
  import_vote_open: {
    status: 409,
    vi: 'Đang có biểu quyết chưa kết thúc; không nhập được danh sách cho đến khi biểu quyết kết thúc.',
    en: 'A vote is open; nothing can be imported into the roster until it ends.',
  },
  confirm_own_request: {
    status: 409,
    vi: 'Người đã đề nghị ban hành không thể tự xác nhận; cần một chủ tọa khác xác nhận.',
    en: 'Whoever asked for finalisation cannot confirm it; another chair must.',
  },
  comment_limit: {
    status: 409,
    vi: 'Đã đạt số bình luận tối đa: văn bản này không nhận thêm chuỗi bình luận, hoặc chuỗi này không nhận thêm trả lời.',
    en: 'The comment limit is reached: this document takes no more threads, or this thread no more replies.',
  },
  comment_not_open: {
    status: 409,
    vi: 'Chuỗi bình luận đã được đánh dấu giải quyết; hãy mở lại trước khi trả lời.',
    en: 'The thread is resolved; reopen it before replying.',
  },
  comment_deleted: { status: 409, vi: 'Bình luận này đã bị xóa.', en: 'This comment was deleted.' },
  too_large: { status: 413, vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request is too large.' },
  rate_limited: {
    status: 429,
    vi: 'Bạn đã thử quá nhiều lần trong thời gian ngắn. Vui lòng đợi một lát rồi thử lại.',
    en: 'Too many attempts in a short time. Please wait a moment and try again.',
  },
  busy: {
    status: 503,
    vi: 'Máy chủ đang bận xử lý nhiều yêu cầu cùng lúc. Vui lòng thử lại sau vài giây.',
    en: 'The server is busy with many requests at once. Please try again in a few seconds.',
  },
  database_unavailable: {
    status: 503,
    vi: 'Máy chủ tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút.',
    en: 'The server cannot reach its database for the moment. Please try again in a few minutes.',
  },
  redis_unavailable: {
    status: 503,
    vi: 'Máy chủ tạm thời không liên lạc được với các máy chủ khác của hệ thống. Vui lòng thử lại sau ít phút.',
    en: 'The server cannot reach the installation’s other servers for the moment. Please try again in a few minutes.',
  },
  internal: { status: 500, vi: 'Máy chủ gặp lỗi. Vui lòng thử lại.', en: 'Server error. Please try again.' },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
