// Stable codes for what the inbox service itself refuses (the pipeline's own codes, such as
// pdf.encrypted or file.empty, come from the stages). Tests and the UI key on `code`.
export interface Reason { code: string; message: string }

export const INBOX_REASONS = {
  folder: {
    code: 'inbox.folder',
    message: 'Một thư mục được thả vào hộp thư; hệ thống không mở thư mục. Hãy thả từng tệp PDF/ảnh bên trong vào hộp thư.',
  },
  symlink: {
    code: 'inbox.symlink',
    message: 'Đây là liên kết tượng trưng (symlink), hệ thống không đi theo liên kết. Hãy thả chính tệp vào hộp thư.',
  },
  unreadable: {
    code: 'inbox.unreadable',
    message: 'Không đọc được tệp (không có quyền đọc hoặc lỗi đĩa).',
  },
} as const satisfies Record<string, Reason>;
