/** Machine-readable codes in error responses, with the Chinese message a person sees. */
export const HTTP_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求有误' },
  401: { code: 'UNAUTHENTICATED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '没有权限进行此操作' },
  404: { code: 'NOT_FOUND', message: '找不到请求的内容' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持此操作' },
  409: { code: 'CONFLICT', message: '数据已被修改或已存在，请刷新后再试' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '提交的内容格式不支持' },
  422: { code: 'UNPROCESSABLE', message: '提交的信息无法处理' },
  429: { code: 'TOO_MANY_REQUESTS', message: '操作太频繁，请稍后再试' },
  500: { code: 'INTERNAL_ERROR', message: '服务器出了点问题，请稍后再试' },
  503: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
};

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; message: string }[];
  requestId?: string;
}
