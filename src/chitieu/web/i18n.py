"""The interface's words in Vietnamese and English, and vi-VN number and date formats.

Domain wording (verdicts, statuses, sentences) comes from the core; this file holds only
the words of the pages themselves, so a translator finds them in one place.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from chitieu.core.numbers import format_number

LANGS = ("vi", "en")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

MESSAGES: dict[str, tuple[str, str]] = {
    "app": ("Theo dõi chỉ tiêu nghị quyết", "Resolution target tracker"),
    "overview": ("Tổng quan", "Overview"),
    "tasks": ("Nhiệm vụ", "Tasks"),
    "entry": ("Nhập số liệu", "Enter figures"),
    "review": ("Duyệt số liệu", "Review figures"),
    "audit": ("Nhật ký thay đổi", "Audit log"),
    "admin": ("Quản trị", "Administration"),
    "login": ("Đăng nhập", "Log in"),
    "logout": ("Đăng xuất", "Log out"),
    "username": ("Tên đăng nhập", "Username"),
    "password": ("Mật khẩu", "Password"),
    "login_failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong username or password."),
    "login_limited": (
        "Đăng nhập sai quá nhiều lần. Thử lại sau {seconds} giây.",
        "Too many failed logins. Try again in {seconds} seconds.",
    ),
    "figures_up_to": ("Số liệu đến năm {year}", "Figures up to {year}"),
    "final": ("kết quả cuối kỳ", "final verdicts"),
    "in_term": ("tình hình giữa kỳ", "in-term status"),
    "group": ("Nhóm", "Group"),
    "status": ("Trạng thái", "Status"),
    "agency": ("Cơ quan", "Agency"),
    "all": ("Tất cả", "All"),
    "filter": ("Lọc", "Filter"),
    "target": ("Chỉ tiêu", "Target"),
    "latest": ("Số liệu mới nhất", "Latest figure"),
    "trend": ("Xu hướng", "Trend"),
    "explanation": ("Giải thích", "Explanation"),
    "clause": ("Nội dung", "Clause"),
    "bound": ("Mục tiêu", "Target value"),
    "figure": ("Số liệu", "Figure"),
    "year": ("Năm", "Year"),
    "period": ("Kỳ", "Period"),
    "year_or_period": (
        "Năm hoặc kỳ (2025, 2026-Q1, 9 tháng 2026)",
        "Year or period (2025, 2026-Q1, 2026-9M)",
    ),
    "basis": ("Cơ sở của số liệu", "What the figure is measured against"),
    "basis_level": ("Giá trị của kỳ", "The level for the period"),
    "basis_same_period": ("% so với cùng kỳ năm trước", "% change on the same period last year"),
    "basis_plan": ("% kế hoạch năm", "% of the year's plan"),
    "basis_previous_period": ("% so với kỳ trước", "% change on the previous period"),
    "in_year": ("Theo dõi trong năm", "During the year"),
    "value": ("Giá trị", "Value"),
    "unit": ("Đơn vị", "Unit"),
    "data_status": ("Tình trạng số liệu", "Data status"),
    "qualifier": ("Mức chính xác", "Qualifier"),
    "source": ("Nguồn", "Source"),
    "source_date": ("Ngày nguồn (yyyy-mm-dd)", "Source date (yyyy-mm-dd)"),
    "note": ("Ghi chú", "Note"),
    "reason": ("Lý do (bắt buộc khi sửa số liệu)", "Reason (required for a correction)"),
    "revision": ("Lần sửa", "Revision"),
    "review_state": ("Phê duyệt", "Approval"),
    "recorded": ("Ghi nhận", "Recorded"),
    "history": ("Lịch sử số liệu", "Figures and revisions"),
    "chart": ("Biểu đồ", "Chart"),
    "observed": ("Thực hiện", "Observed"),
    "required_path": ("Lộ trình cần thiết", "Required path"),
    "target_band": ("Mục tiêu", "Target"),
    "projection": ("Dự báo", "Projection"),
    "indicator": ("Chỉ số", "Indicator"),
    "area": ("Địa bàn", "Area"),
    "submit": ("Gửi duyệt", "Submit for review"),
    "paste": (
        "Hoặc dán nhiều năm hoặc kỳ, mỗi dòng «năm giá trị» hay «kỳ giá trị» (2026-Q1 30,5)",
        "Or paste several years or periods, one 'period value' per line (2026-Q1 30.5)",
    ),
    "upload_csv": (
        "Tải lên tệp số liệu (mẫu Excel .xlsx, .csv hoặc .json)",
        "Upload a figures file (Excel template .xlsx, .csv or .json)",
    ),
    "template": (
        "Tải mẫu nhập liệu Excel của cơ quan",
        "Download the agency's Excel data-entry template",
    ),
    "download": ("Tải báo cáo", "Download the report"),
    "figures_export": ("Số liệu", "Figures"),
    "upload": ("Tải lên", "Upload"),
    "submitted_ok": (
        "Đã gửi {n} số liệu chờ duyệt.",
        "{n} figure(s) submitted for review.",
    ),
    "unchanged_ok": (
        "Số liệu không đổi so với bản đã lưu: không có gì mới để duyệt.",
        "The figures equal the stored ones: nothing new to review.",
    ),
    "approve": ("Duyệt", "Approve"),
    "return": ("Trả lại", "Return"),
    "reopen": ("Mở khóa", "Reopen"),
    "comment": ("Ý kiến", "Comment"),
    "queue_empty": ("Không có số liệu chờ duyệt.", "No figures waiting for review."),
    "pending_count": ("{n} số liệu chờ duyệt", "{n} figure(s) waiting for review"),
    "submitted_by": ("Người gửi", "Submitted by"),
    "when": ("Thời điểm", "When"),
    "actor": ("Người thực hiện", "Actor"),
    "action": ("Thao tác", "Action"),
    "entity": ("Đối tượng", "Object"),
    "before": ("Trước", "Before"),
    "after": ("Sau", "After"),
    "users": ("Người dùng", "Users"),
    "role": ("Vai trò", "Role"),
    "active": ("Hoạt động", "Active"),
    "agencies": ("Cơ quan", "Agencies"),
    "create": ("Tạo", "Create"),
    "save": ("Lưu", "Save"),
    "display_name": ("Tên hiển thị", "Display name"),
    "new_password": ("Mật khẩu mới", "New password"),
    "tokens": ("Mã truy cập API", "API tokens"),
    "token_name": ("Tên mã", "Token name"),
    "token_once": (
        "Mã truy cập (chỉ hiện một lần, hãy lưu lại):",
        "Access token (shown once, keep it now):",
    ),
    "resolutions": ("Nghị quyết", "Resolutions"),
    "upload_definition": (
        "Tải lên tệp định nghĩa nghị quyết (.yaml)",
        "Upload a resolution definition (.yaml)",
    ),
    "loaded_ok": ("Đã nạp {what}.", "Loaded {what}."),
    "fix_errors": ("Chưa lưu. Hãy sửa các lỗi sau:", "Not saved. Please fix:"),
    "forbidden": ("Bạn không có quyền thực hiện thao tác này.", "You may not do this."),
    "unauthorized": (
        "Hãy đăng nhập hoặc gửi mã truy cập (Authorization: Bearer …).",
        "Log in or send an access token (Authorization: Bearer …).",
    ),
    "not_found": ("Không tìm thấy trang.", "Page not found."),
    "bad_request": ("Yêu cầu không hợp lệ.", "Invalid request."),
    "csrf": (
        "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ; hãy tải lại trang.",
        "Your session expired or the form is invalid; reload the page.",
    ),
    "server_error": ("Lỗi hệ thống; thao tác không được ghi.", "Server error; nothing was saved."),
    "task_progress": ("Tiến độ", "Progress"),
    "overdue": ("Quá hạn", "Overdue"),
    "milestones": ("Lộ trình", "Roadmap"),
    "lead": ("Cơ quan chủ trì", "Lead agency"),
    "cooperating": ("Cơ quan phối hợp", "Co-operating agencies"),
    "resources": ("Nguồn lực", "Resources"),
    "cadence": ("Chế độ kiểm tra, đánh giá", "Review cadence"),
    "objective": ("Mục tiêu (chỉ tiêu liên quan)", "Objective (linked targets)"),
    "updates": ("Cập nhật tiến độ", "Progress updates"),
    "evidence": ("Minh chứng", "Evidence"),
    "percent": ("Phần trăm hoàn thành", "Percent complete"),
    "report_on": ("Ngày báo cáo (yyyy-mm-dd)", "Report date (yyyy-mm-dd)"),
    "add_update": ("Thêm cập nhật", "Add update"),
    "not_stated": ("chưa rõ", "not stated"),
    "public_mode": ("Chế độ xem công khai", "Public read-only view"),
    "as_of": ("Đánh giá đến năm", "Evaluate up to"),
    "other_targets": (
        "Chỉ tiêu khác trong nhiệm vụ, giải pháp (không tính vào tổng số)",
        "Other quantified targets (not counted)",
    ),
    "locked_note": (
        "Số liệu đã duyệt bị khóa; người duyệt cần mở khóa trước khi sửa.",
        "Approved figures are locked; a reviewer must reopen them first.",
    ),
    "in_force": ("đang dùng", "in use"),
    "state_submitted": ("chờ duyệt", "submitted"),
    "state_approved": ("đã duyệt", "approved"),
    "state_returned": ("bị trả lại", "returned"),
    "state_reopened": ("đã mở khóa", "reopened"),
    "state_withdrawn": ("đã rút", "withdrawn"),
    "withdraw": ("Rút số liệu", "Withdraw"),
    "withdraw_reason": ("Lý do rút (bắt buộc)", "Reason for withdrawing (required)"),
    "withdrawn_ok": (
        "Đã rút số liệu: số liệu vẫn được lưu, không còn dùng để đánh giá.",
        "Figure withdrawn: it is kept, and no longer used in evaluations.",
    ),
    "none": ("không có", "none"),
    "checks": ("Kiểm tra số liệu", "Data checks"),
    "extract": ("Đọc chỉ tiêu từ văn bản", "Read targets from a text"),
    "extract_help": (
        "Dán hoặc tải lên văn kiện (.txt, .docx); chitieu tìm mục chỉ tiêu "
        "và lập bản nháp định nghĩa.",
        "Paste or upload a resolution (.txt, .docx); chitieu finds the targets "
        "and drafts a definition.",
    ),
    "claims": ("Kiểm tra số liệu trong báo cáo", "Check a report's figures"),
    "claims_help": (
        "Tính lại các nhận định có số liệu (gấp … lần, tăng bình quân, chiếm …%) "
        "và đánh dấu trong văn bản.",
        "Recomputes figure-backed statements (times, average growth, shares) "
        "and marks them in the text.",
    ),
    "paste_text": ("Dán văn bản", "Paste the text"),
    "or_file": ("hoặc chọn tệp", "or choose a file"),
    "read": ("Đọc", "Read"),
    "found_targets": ("Tìm thấy {n} chỉ tiêu, {c} điều kiện", "Found {n} targets, {c} clauses"),
    "guessed": ("suy ra", "guessed"),
    "draft_definition": ("Bản nháp định nghĩa (YAML)", "Draft definition (YAML)"),
    "save_resolution": ("Lưu thành nghị quyết", "Save as a resolution"),
    "claim_consistent": ("khớp", "consistent"),
    "claim_inconsistent": ("không khớp", "inconsistent"),
    "claim_unverifiable": ("không kiểm tra được", "unverifiable"),
    "tools": ("Công cụ", "Tools"),
    "justification": (
        "Giải trình (bắt buộc khi số liệu bất thường)",
        "Justification (required for an unusual figure)",
    ),
    "justification_upload": (
        "Giải trình cho các số liệu bất thường trong tệp (nếu có)",
        "Justification for the unusual figures in the file (if any)",
    ),
    "justification_label": ("Giải trình của người nhập", "Justification by the submitter"),
    "no_justification": (
        "Chưa có giải trình cho số liệu bất thường này.",
        "No justification was written for this unusual figure.",
    ),
    "plausibility": ("Kiểm tra tính hợp lý", "Plausibility"),
    "severity_impossible": ("không thể đúng", "impossible"),
    "severity_implausible": ("bất thường", "unusual"),
    "previous_value": ("Giá trị trước khi sửa", "Value before this correction"),
    "first_entry": ("lần nhập đầu tiên", "first entry"),
    "last_year": ("Năm trước", "Previous year"),
    "same_period": ("Số liệu khác cùng kỳ", "Other figures for the same period"),
    "differs": ("khác số đang duyệt", "differs"),
    "queue_help": (
        "Mỗi số liệu kèm số trước khi sửa, số năm trước, các số liệu khác cùng kỳ, chỉ tiêu "
        "liên quan và kết quả kiểm tra. Đánh dấu nhiều số liệu để duyệt một lần.",
        "Each figure comes with the value it corrects, last year's figure, the other figures "
        "for the same period, its targets and the checks. Tick several to approve them at once.",
    ),
    "select_all": ("Chọn tất cả", "Select all"),
    "approve_selected": ("Duyệt các số liệu đã chọn", "Approve the selected figures"),
    "select_figure": ("Chọn số liệu {id}", "Select figure {id}"),
    "select_first": (
        "Chưa chọn số liệu nào: đánh dấu các số liệu cần duyệt trước.",
        "No figure selected: tick the figures to approve first.",
    ),
    "approved_n": ("Đã duyệt {n} số liệu.", "{n} figure(s) approved."),
    "approved_one": (
        "Đã duyệt số liệu {id}: số liệu được dùng để đánh giá từ bây giờ.",
        "Figure {id} approved: evaluations use it from now on.",
    ),
    "returned_one": (
        "Đã trả lại số liệu {id} cho người nhập.",
        "Figure {id} returned to the submitter.",
    ),
    "reopened_one": ("Đã mở khóa số liệu {id}.", "Figure {id} reopened."),
    "return_comment": ("Ý kiến khi trả lại (bắt buộc)", "Comment when returning (required)"),
    "withdraw_confirm": ("Rút hẳn số liệu này", "Withdraw this figure"),
    "state_superseded": ("đã được thay", "superseded"),
    "source_class": ("Loại nguồn", "Source type"),
    "api_method": ("Phương thức", "Method"),
    "api_path": ("Đường dẫn", "Path"),
    "api_parameters": ("Tham số", "Parameters"),
    "api_body": ("Nội dung gửi", "Body"),
    "api_schemas": ("Cấu trúc dữ liệu", "Schemas"),
    "importance_high": ("nghiêm trọng", "high"),
    "importance_medium": ("trung bình", "medium"),
    "importance_low": ("thấp", "low"),
}


def translate(key: str, lang: str, **values: object) -> str:
    vi, en = MESSAGES.get(key, (key, key))
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def pick_lang(*candidates: str | None) -> str:
    for c in candidates:
        if c in LANGS:
            return c
    return "vi"


def fmt_number(value: Decimal | float | int | None, lang: str) -> str:
    if value is None:
        return "—"
    return format_number(Decimal(str(value)), lang=lang)


def fmt_date(value: date | datetime | None, lang: str) -> str:
    """dd/mm/yyyy in Vietnamese, ISO in English (unambiguous to every reader).

    Times are shown in Vietnam time, whatever the server's zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = value.astimezone(VIETNAM)
        if lang == "en":
            return local.strftime("%Y-%m-%d %H:%M")
        return local.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%Y-%m-%d") if lang == "en" else value.strftime("%d/%m/%Y")
