/**
 * Vietnamese texts for the native dialogs main shows when the backend cannot run. Pure data,
 * so the choice of wording per situation is tested; index.ts passes it to dialog.showMessageBox.
 */

export type StartupAction = 'retry' | 'open-data-folder' | 'quit';

export interface StartupDialog {
  title: string;
  message: string;
  detail: string;
  buttons: { label: string; action: StartupAction }[];
}

const OPEN_FOLDER = { label: 'Mở thư mục dữ liệu', action: 'open-data-folder' } as const;
const QUIT = { label: 'Thoát', action: 'quit' } as const;
const RETRY = { label: 'Thử lại', action: 'retry' } as const;

/** The backend sent `fatal` (it could not open the data, e.g. DATA_TOO_NEW). */
export function fatalDialog(code: string | undefined, backendMessage: string, dataDir: string): StartupDialog {
  if (code === 'DATA_TOO_NEW') {
    return {
      title: 'Cần cập nhật Trường Chuẩn',
      message: 'Dữ liệu trên máy này được tạo bởi một phiên bản Trường Chuẩn mới hơn phiên bản đang chạy.',
      detail:
        `${backendMessage}\n\nVui lòng cài đặt phiên bản mới nhất rồi mở lại ứng dụng. ` +
        `Dữ liệu của bạn vẫn được giữ nguyên trong thư mục:\n${dataDir}`,
      buttons: [QUIT, OPEN_FOLDER],
    };
  }
  return {
    title: 'Không mở được dữ liệu',
    message: 'Trường Chuẩn không khởi động được bộ xử lý dữ liệu.',
    detail: `${backendMessage}\n\nThư mục dữ liệu:\n${dataDir}\n\nNếu lỗi lặp lại, hãy gửi tệp logs/backend.log trong thư mục này cho bộ phận hỗ trợ.`,
    buttons: [RETRY, OPEN_FOLDER, QUIT],
  };
}

/** The backend kept crashing and the restart policy gave up. */
export function gaveUpDialog(exitCode: number, dataDir: string): StartupDialog {
  return {
    title: 'Bộ xử lý dữ liệu bị dừng',
    message: 'Bộ xử lý dữ liệu của Trường Chuẩn bị dừng nhiều lần liên tiếp.',
    detail: `Mã thoát: ${exitCode}.\n\nThư mục dữ liệu:\n${dataDir}\n\nHãy thử lại; nếu lỗi lặp lại, gửi tệp logs/backend.log cho bộ phận hỗ trợ.`,
    buttons: [RETRY, OPEN_FOLDER, QUIT],
  };
}
