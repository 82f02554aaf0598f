import type { FastifyError, FastifyInstance } from 'fastify';
import { ServiceError } from '../errors';

/** Vietnamese messages for the errors Fastify itself raises, by status. */
const GENERIC: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' },
  401: { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập để tiếp tục.' },
  403: { code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: 'NOT_FOUND', message: 'Không tìm thấy.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'Phương thức không được hỗ trợ.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Kiểu dữ liệu gửi lên không được hỗ trợ (cần JSON).' },
  429: { code: 'TOO_MANY_REQUESTS', message: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.' },
  503: { code: 'UNAVAILABLE', message: 'Máy chủ tạm thời không phục vụ được. Vui lòng thử lại sau.' },
};

/**
 * Every error leaves as `{ error: { code, message } }` with a Vietnamese message: service
 * errors as they are, validation errors with the field Ajv complained about, anything
 * unexpected as a 500 that is logged but not described to the client.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ServiceError | Error, request, reply) => {
    if (err instanceof ServiceError) {
      if (err.retryAfterSeconds !== undefined) void reply.header('retry-after', String(err.retryAfterSeconds));
      if (err.status === 401) void reply.header('www-authenticate', 'Bearer');
      return reply.code(err.status).send({ error: { code: err.code, message: err.message } });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const where = [fe.validationContext, first?.instancePath?.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean).join(' ');
      const detail = first?.message ? ` (${where ? `${where}: ` : ''}${first.message})` : '';
      return reply.code(400).send({ error: { code: 'VALIDATION', message: `Dữ liệu gửi lên không hợp lệ${detail}.` } });
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return reply
        .code(status)
        .send({ error: { code: 'INTERNAL', message: 'Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.' } });
    }
    const generic = GENERIC[status] ?? GENERIC[400]!;
    return reply.code(status).send({ error: generic });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: { code: 'NOT_FOUND', message: `Không có đường dẫn ${request.method} ${request.url.split('?')[0]}.` },
    }),
  );
}
