// Every failure code tonghop can report, in one place: its category, its one Vietnamese message
// and (through the category) the CLI exit status. Codes are stable: the `.error.json` files,
// `status`, exports and tests key on them; messages are for people and may change.
//
// A message may take parameters as `{name}` placeholders; the type system knows which ones each
// code needs (messageFor('pdf.too_many_pages', { pages: 12, limit: 10 })).
//
// Findings (`Finding.code` such as `title.missing`) are not failures and are not listed here.
// The code lists in the READMEs and docs/errors.md are generated from this file
// (`npm run docs:errors`); test/model/errors.test.ts fails when they drift.

/** Categories and the exit status of `tonghop` when a command stops on an error of that kind. */
export const CATEGORIES = {
  usage: { exit: 1, label: 'Cách dùng lệnh (tham số, thư mục)' },
  database: { exit: 1, label: 'Cơ sở dữ liệu' },
  internal: { exit: 1, label: 'Lỗi nội bộ' },
  input: { exit: 3, label: 'Tệp đầu vào (định dạng, kích thước)' },
  pdf: { exit: 4, label: 'Tệp PDF hỏng hoặc không an toàn' },
  ocr: { exit: 5, label: 'Nhận dạng chữ (OCR) và ảnh' },
  extraction: { exit: 6, label: 'Trích xuất, rà soát' },
  inbox: { exit: 7, label: 'Hộp thư (inbox)' },
} as const satisfies Record<string, { exit: number; label: string }>;

export type ErrorCategory = keyof typeof CATEGORIES;

interface Entry { category: ErrorCategory; message: string }

export const REGISTRY = {
  // ---- input: what the file is -------------------------------------------------------------
  'file.empty': { category: 'input', message: 'Tệp rỗng (0 byte).' },
  'file.not_pdf': { category: 'input', message: 'Tệp không phải PDF hay ảnh (PNG, JPEG, TIFF): {detail}.' },
  'file.too_large': { category: 'input', message: 'Tệp quá lớn ({size} MB), vượt giới hạn {limit} MB.' },
  'image.too_large': { category: 'input', message: 'Ảnh {width}×{height} ({pixels}) vượt giới hạn {limit}.' },
  'input.not_found': { category: 'input', message: 'Không tìm thấy tệp hoặc thư mục: {path}' },
  'input.report_unreadable': { category: 'input', message: 'Không đọc được báo cáo {file} ({detail}).' },
  'office.invalid': { category: 'input', message: 'Tệp Word/Excel bị hỏng hoặc không đúng định dạng, không đọc được ({detail}).' },
  'office.too_many_entries': { category: 'input', message: 'Tệp Word/Excel chứa {count} mục nén, vượt giới hạn {limit}; tệp không được mở.' },
  'office.zip_bomb': { category: 'input', message: 'Tệp Word/Excel có mục "{entry}" giải nén ra quá lớn ({detail}); có thể là "bom nén", tệp không được mở.' },
  'office.path_entry': { category: 'input', message: 'Tệp Word/Excel chứa mục có đường dẫn không an toàn ("{entry}"), có thể nhằm ghi ra ngoài thư mục; tệp không được mở.' },
  'xml.entities': { category: 'input', message: 'Tệp có khai báo DOCTYPE hoặc thực thể XML ({file}); hệ thống không xử lý thực thể XML (chống XXE và "bom thực thể"), tệp không được mở.' },
  'xml.invalid': { category: 'input', message: 'Nội dung XML không hợp lệ ({file}: {detail}).' },
  'edxml.invalid': { category: 'input', message: 'Gói tin edXML không đúng cấu trúc ({detail}).' },
  'edxml.bad_encoding': { category: 'input', message: 'Tệp đính kèm "{name}" của gói tin edXML không phải dữ liệu base64 hợp lệ.' },
  'edxml.attachment_too_large': { category: 'input', message: 'Tệp đính kèm "{name}" của gói tin edXML quá lớn ({size} MB, giới hạn {limit} MB).' },

  // ---- pdf: broken or hostile PDFs ----------------------------------------------------------
  'pdf.empty': { category: 'pdf', message: 'Tệp PDF rỗng (0 byte).' },
  'pdf.encrypted': { category: 'pdf', message: 'Tệp PDF được bảo vệ bằng mật khẩu, không đọc được.' },
  'pdf.invalid': { category: 'pdf', message: 'Tệp PDF bị hỏng hoặc không hợp lệ, không đọc được nội dung ({detail}).' },
  'pdf.too_many_pages': { category: 'pdf', message: 'Tệp PDF có {pages} trang, vượt giới hạn {limit} trang.' },
  'pdf.truncated': { category: 'pdf', message: 'Tệp PDF bị cắt cụt (thiếu phần cuối tệp): có thể tệp chưa được chép hoặc tải xong. Hãy gửi lại tệp đầy đủ.' },
  'pdf.bad_xref': { category: 'pdf', message: 'Bảng tham chiếu (xref) của tệp PDF bị hỏng, không khôi phục được.' },
  'pdf.image_too_large': { category: 'pdf', message: 'Tệp PDF chứa ảnh {width}×{height} ({pixels}), vượt giới hạn {limit}; không mở để tránh cạn bộ nhớ.' },
  'pdf.no_pages': { category: 'pdf', message: 'Tệp PDF không có trang nào.' },
  'pdf.no_content': { category: 'pdf', message: 'Văn bản không có chữ nào đọc được: trang trắng, không có lớp chữ, hoặc ảnh quét không nhận ra chữ.' },
  'pdf.timeout': { category: 'pdf', message: 'Đọc tệp PDF quá thời gian cho phép ({seconds} giây); tệp có thể bị hỏng hoặc cố ý gây treo.' },
  'pdf.parser_crashed': { category: 'pdf', message: 'Bộ đọc PDF bị sập khi mở tệp ({detail}); tệp có thể bị hỏng hoặc cố ý gây cạn bộ nhớ.' },

  // ---- ocr: recognition and images ----------------------------------------------------------
  'ocr.unavailable': { category: 'ocr', message: 'Văn bản là bản quét nhưng bộ nhận dạng chữ (OCR) không khởi động được.' },
  'ocr.model_missing': { category: 'ocr', message: 'Không tìm thấy dữ liệu nhận dạng chữ tiếng Việt ({file}). Hãy cài lại gói @tesseract.js-data/vie.' },
  'ocr.native_missing': { category: 'ocr', message: 'Cấu hình yêu cầu dùng chương trình tesseract cài trên máy (ocr.engine = native) nhưng không tìm thấy tesseract 5 trở lên ({detail}). Hãy cài gói tesseract-ocr, hoặc đặt ocr.engine = auto.' },
  'ocr.start_failed': { category: 'ocr', message: 'Không khởi động được bộ nhận dạng chữ: {detail}.' },
  'ocr.start_timeout': { category: 'ocr', message: 'Bộ nhận dạng chữ không khởi động xong sau {seconds} giây ({detail}).' },
  'ocr.terminated': { category: 'ocr', message: 'Bộ nhận dạng chữ đã dừng.' },
  'ocr.failed': { category: 'ocr', message: 'Nhận dạng chữ thất bại: {detail}.' },
  'raster.too_large': { category: 'ocr', message: 'Ảnh quá lớn để nhận dạng chữ ({width}×{height} điểm ảnh).' },
  'raster.decode_failed': { category: 'ocr', message: 'Không giải mã được ảnh ({detail}).' },
  'raster.timeout': { category: 'ocr', message: 'Dựng ảnh trang để nhận dạng chữ quá thời gian cho phép ({seconds} giây); tệp có thể bị hỏng hoặc cố ý gây treo.' },
  'raster.crashed': { category: 'ocr', message: 'Bộ dựng ảnh trang bị sập ({detail}); tệp có thể bị hỏng hoặc cố ý gây cạn bộ nhớ.' },

  // ---- extraction and review ----------------------------------------------------------------
  'review.rejected': { category: 'extraction', message: 'Người rà soát {reviewer} loại văn bản ({reason}).' },
  // review UI refusals: what a reviewer's action cannot do (HTTP 4xx, shown on the page)
  'item.not_open': { category: 'usage', message: 'Mục này đã được xử lý, không còn chờ rà soát.' },
  'item.not_found': { category: 'usage', message: 'Không tìm thấy mục cần rà soát.' },
  'item.changed': { category: 'usage', message: 'Mục này vừa được người khác thay đổi. Hãy xem lại giá trị hiện tại.' },
  'document.not_found': { category: 'usage', message: 'Không tìm thấy văn bản.' },
  'document.closed': { category: 'usage', message: 'Văn bản này đã bị loại hoặc là bản trùng; hãy hoàn tác trước khi sửa.' },
  'reviewer.missing': { category: 'usage', message: 'Hãy nhập tên người rà soát.' },
  'undo.nothing': { category: 'usage', message: 'Văn bản này không còn quyết định nào để hoàn tác.' },
  // review UI with accounts (issue 17): claims, four eyes, sign-in, roles
  'item.claimed': { category: 'usage', message: 'Mục này đang được {holder} rà soát (giữ đến {until}); hãy chọn mục khác.' },
  'item.pending': { category: 'usage', message: 'Mục này có thay đổi đang chờ trưởng nhóm duyệt.' },
  'approval.own': { category: 'usage', message: 'Không thể tự duyệt thay đổi của chính mình: cần một trưởng nhóm khác.' },
  'approval.not_pending': { category: 'usage', message: 'Thay đổi này không còn chờ duyệt.' },
  'undo.not_yours': { category: 'usage', message: 'Quyết định gần nhất của văn bản này là của {reviewer}: chỉ trưởng nhóm được hoàn tác quyết định của người khác hoặc đã được duyệt.' },
  'login.required': { category: 'usage', message: 'Cần đăng nhập để dùng giao diện rà soát.' },
  'login.failed': { category: 'usage', message: 'Sai tên đăng nhập hoặc mật khẩu.' },
  'login.throttled': { category: 'usage', message: 'Đăng nhập sai nhiều lần: hãy chờ {seconds} giây rồi thử lại.' },
  'login.locked': { category: 'usage', message: 'Đăng nhập sai quá nhiều lần: tạm khoá, hãy thử lại sau {seconds} giây.' },
  'access.role': { category: 'usage', message: 'Trang này chỉ dành cho vai trò {role}; tài khoản của bạn không có quyền này.' },
  'page.out_of_range': { category: 'usage', message: 'Văn bản không có trang {page}.' },
  'original.missing': { category: 'usage', message: 'Không còn bản gốc của văn bản trong kho lưu trữ.' },
  'page.render_failed': { category: 'ocr', message: 'Không hiển thị được trang {page} ({detail}).' },
  // review UI: a correction a person typed that cannot be stored (the same zod rules as the pipeline)
  'correction.date': { category: 'usage', message: 'Ngày “{text}” không hợp lệ: {detail}' },
  'correction.received_date': { category: 'usage', message: 'Ngày đến “{text}” không hợp lệ: {detail}' },
  'correction.doc_number': { category: 'usage', message: 'Số, ký hiệu “{text}” không hợp lệ: {detail}' },
  'correction.doc_type': { category: 'usage', message: 'Loại văn bản phải là ký hiệu ngắn (1–12 ký tự), ví dụ BC, CTr, KH.' },
  'category.invalid': { category: 'usage', message: 'Loại nội dung phải là "báo cáo", "chương trình" hoặc "khác", không phải “{text}”.' },
  'field.unknown': { category: 'usage', message: 'Không sửa được trường “{name}”.' },
  'province.unknown': { category: 'usage', message: 'Không tìm thấy tỉnh, thành phố “{text}” (tên hoặc mã) trong danh mục{when}.' },
  'province.ambiguous': { category: 'usage', message: '“{text}” có thể là nhiều tỉnh, thành phố ({names}). Hãy ghi rõ hơn hoặc nhập mã tỉnh.' },
  'province.invalid': { category: 'usage', message: 'Tỉnh, thành phố không hợp lệ: {detail}' },
  'indicator.empty': { category: 'usage', message: 'Hãy nhập số liệu.' },
  'indicator.invalid': { category: 'usage', message: 'Số liệu “{text}” không hợp lệ: {detail}' },

  // ---- inbox: what the inbox service itself refuses ----------------------------------------
  'inbox.folder': { category: 'inbox', message: 'Một thư mục được thả vào hộp thư; hệ thống không mở thư mục. Hãy thả từng tệp PDF/ảnh bên trong vào hộp thư.' },
  'inbox.symlink': { category: 'inbox', message: 'Đây là liên kết tượng trưng (symlink), hệ thống không đi theo liên kết. Hãy thả chính tệp vào hộp thư.' },
  'inbox.unreadable': { category: 'inbox', message: 'Không đọc được tệp (không có quyền đọc hoặc lỗi đĩa: {errno}).' },
  'file.duplicate': { category: 'inbox', message: 'Tệp trùng nội dung (cùng mã SHA-256) với tệp "{first}" đã nhận trước đó.' },
  'inbox.locked': { category: 'inbox', message: 'Một tiến trình khác (pid {pid}) đang theo dõi hộp thư với cơ sở dữ liệu này ({file}).' },
  'inbox.lock_failed': { category: 'inbox', message: 'Không lấy được khoá {file}.' },

  // ---- usage: the command line ---------------------------------------------------------------
  'usage.invalid_option': { category: 'usage', message: 'Giá trị không hợp lệ cho {option}: {value}' },
  'usage.folders_overlap': { category: 'usage', message: 'Thư mục {name} ({dir}) không được nằm trong hoặc chứa thư mục inbox ({inbox}).' },
  'usage.read_only_query': { category: 'usage', message: 'Lệnh query chỉ cho phép câu lệnh đọc dữ liệu (SELECT).' },
  'usage.bad_query': { category: 'usage', message: 'Câu lệnh SQL không hợp lệ: {detail}' },
  'usage.bad_period': { category: 'usage', message: 'Không hiểu kỳ báo cáo "{period}" (ví dụ: "6 tháng đầu năm 2023", "quý II/2023", "năm 2023").' },
  'usage.bad_date': { category: 'usage', message: 'Ngày không hợp lệ cho {option}: "{value}" (dùng YYYY-MM-DD).' },
  'usage.binary_to_stdout': { category: 'usage', message: 'Định dạng {format} là tệp nhị phân: dùng --out TỆP (hoặc chuyển hướng đầu ra vào tệp).' },
  'usage.csv_one_table': { category: 'usage', message: 'CSV chỉ chứa một bảng: dùng appendix-1, appendix-2, indicators hoặc narrative (hoặc --format xlsx cho cả bộ).' },
  'usage.period_not_found': { category: 'usage', message: 'Chưa có kỳ báo cáo "{period}". Thêm bằng: tonghop period add "{period}" --kind report --deadline YYYY-MM-DD' },
  'usage.empty_search': { category: 'usage', message: 'Câu tìm kiếm không có chữ hay số nào.' },
  'usage.bad_template': { category: 'usage', message: 'Mẫu công văn {file} không dùng được: {detail}.' },
  'review.no_accounts': { category: 'usage', message: 'Không mở giao diện rà soát ra địa chỉ {host} khi chưa có tài khoản nào (ai tới được cổng này cũng rà soát được). Hãy tạo tài khoản trước: tonghop user add TÊN --role admin' },
  'user.exists': { category: 'usage', message: 'Tài khoản "{name}" đã có.' },
  'user.not_found': { category: 'usage', message: 'Không có tài khoản "{name}".' },
  'user.bad_name': { category: 'usage', message: 'Tên đăng nhập "{name}" không hợp lệ: 2–40 ký tự gồm chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.' },
  'user.weak_password': { category: 'usage', message: 'Mật khẩu quá ngắn: cần ít nhất {min} ký tự.' },
  'user.password_mismatch': { category: 'usage', message: 'Hai lần nhập mật khẩu không khớp.' },
  'usage.needs_postgres': { category: 'usage', message: 'Lệnh {command} chỉ chạy với cơ sở dữ liệu PostgreSQL (--db postgres://…).' },
  'usage.not_on_postgres': { category: 'usage', message: 'Lệnh {command} chưa chạy được trên cơ sở dữ liệu PostgreSQL; dùng tệp SQLite cho lệnh này.' },

  // ---- database ------------------------------------------------------------------------------
  'database.not_found': { category: 'database', message: 'Không tìm thấy cơ sở dữ liệu: {file}' },
  'database.unreachable': { category: 'database', message: 'Không kết nối được cơ sở dữ liệu PostgreSQL {url}: {detail}' },

  // ---- internal: bugs and interrupted runs ---------------------------------------------------
  'internal.error': { category: 'internal', message: 'Lỗi xử lý ở bước {stage}: {detail}' },
  'internal.crash_loop': { category: 'internal', message: 'Xử lý văn bản này đã bị gián đoạn {attempts} lần (tiến trình dừng đột ngột khi đang đọc tệp); tạm dừng để không chặn các tệp khác.' },
  'internal.retries_exhausted': { category: 'internal', message: 'Bước {stage} không hoàn thành sau {attempts} lần thử ({detail}); văn bản tạm dừng để không chặn các văn bản khác.' },
  'internal.unknown': { category: 'internal', message: 'Không rõ lý do.' },
} as const satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof REGISTRY;

/** The `{name}` placeholders of a message template, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type MessageOf<C extends ErrorCode> = (typeof REGISTRY)[C]['message'];
export type MessageParams<C extends ErrorCode> = Record<Placeholders<MessageOf<C>>, string | number>;
/** `[]` for a message without placeholders, `[params]` otherwise. */
export type MessageArgs<C extends ErrorCode> = [Placeholders<MessageOf<C>>] extends [never] ? [] : [params: MessageParams<C>];

export const ERROR_CODES = Object.keys(REGISTRY) as ErrorCode[];

export function isErrorCode(s: unknown): s is ErrorCode {
  return typeof s === 'string' && Object.hasOwn(REGISTRY, s);
}

export function categoryOf(code: ErrorCode): ErrorCategory {
  return REGISTRY[code].category;
}

/** The exit status of `tonghop` when a command stops on this error. */
export function exitStatusFor(code: ErrorCode): number {
  return CATEGORIES[categoryOf(code)].exit;
}

/** Fills a template; a placeholder without a value stays visible rather than becoming "undefined". */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The Vietnamese message of a code, with its parameters filled in. */
export function messageFor<C extends ErrorCode>(code: C, ...args: MessageArgs<C>): string {
  return fillTemplate(REGISTRY[code].message, args[0] as Record<string, string | number> | undefined);
}

/** Marks a message that was rendered from the registry elsewhere (another thread) and is kept as is. */
const RENDERED = Symbol('rendered');
export type Rendered = { readonly [RENDERED]: string };

/**
 * The one base class of expected failures. `code` is registered, `message` is the registry's
 * Vietnamese text, so a caller (a stage, the CLI) needs nothing but the error to report it.
 */
export class TonghopError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly category: ErrorCategory;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(code: C, ...args: MessageArgs<C> | [Rendered]) {
    const a = args[0] as (Record<string, string | number> & Partial<Rendered>) | undefined;
    super(a?.[RENDERED] ?? fillTemplate(REGISTRY[code].message, a));
    this.name = new.target.name;
    this.code = code;
    this.category = categoryOf(code);
    this.params = a && !a[RENDERED] ? { ...a } : {};
  }

  /**
   * Rebuilds an error whose message was already rendered from the registry on the other side of
   * a thread boundary (the pdfjs worker sends code + message): the text is kept, not re-rendered.
   */
  static restore<C extends ErrorCode, T>(this: new (code: C, r: Rendered) => T, code: C, message: string): T {
    return new this(code, { [RENDERED]: message });
  }

  get exitStatus(): number { return exitStatusFor(this.code); }
}
