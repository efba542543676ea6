/** One shape for every refusal: { statusCode, code, error, message, details? }. Never a stack trace. */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { isConnectionFailure } from '../../db/failures';
import {
  DomainError,
  ERROR_CODES,
  type ErrorCode,
  type ErrorKind,
  type FieldProblem,
} from '../../domain/errors';
import { findControlCharacter } from '../../domain/text';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  gone: 410,
  unavailable: 503,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusOf(code: ErrorCode): number {
  return STATUS[ERROR_CODES[code].kind];
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message?: string,
  details?: FieldProblem[],
  status = statusOf(code),
) {
  return reply.code(status).send({
    statusCode: status,
    code,
    error: REASON[status] ?? 'Error',
    message: message ?? ERROR_CODES[code].text,
    ...(details?.length ? { details } : {}),
  });
}

interface AjvError {
  keyword: string;
  instancePath: string;
  schemaPath?: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * A body that may take one of several shapes told apart by `kind` (a meeting or a webinar): the
 * complaints that matter are those about the shape it says it is, not the first shape tried.
 */
function aboutItsKind(errors: AjvError[], schema: unknown, body: unknown): AjvError[] {
  const branches = (schema as { anyOf?: { properties?: { kind?: { const?: unknown } } }[] } | undefined)
    ?.anyOf;
  const kind = (body as { kind?: unknown } | null | undefined)?.kind;
  if (!Array.isArray(branches) || typeof kind !== 'string') return errors;
  const i = branches.findIndex((b) => b?.properties?.kind?.const === kind);
  if (i < 0) return errors;
  const mine = errors.filter((e) => e.schemaPath?.startsWith(`#/anyOf/${i}/`));
  return mine.length ? mine : errors;
}

/** One sentence for a value outside a fixed list, however the validator split the complaint. */
function allowedValues(errors: AjvError[], at: string): unknown[] {
  const values: unknown[] = [];
  for (const e of errors) {
    if (e.instancePath !== at) continue;
    if (e.keyword === 'const') values.push(e.params.allowedValue);
    if (e.keyword === 'enum') values.push(...((e.params.allowedValues as unknown[]) ?? []));
  }
  return [...new Set(values)];
}

/** Turns the validator's complaints into our codes and a sentence that names the field. */
function fromValidation(errors: AjvError[], context: string): { code: ErrorCode; details: FieldProblem[] } {
  // "anyOf" only says that none of the shapes fit; the shapes' own complaints say why.
  const useful = errors.filter((e) => e.keyword !== 'anyOf');
  const seen = new Set<string>();
  const details = (useful.length ? useful : errors).slice(0, 10).flatMap((e): FieldProblem[] => {
    const path = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
    let code: ErrorCode = 'VALIDATION_FAILED';
    let field = path || context;
    let message = `${field} ${e.message ?? 'is not valid'}`;
    if (e.keyword === 'required') {
      code = 'MISSING_FIELD';
      field = [path, e.params.missingProperty].filter(Boolean).join('.');
      message = `${field} is required.`;
    } else if (e.keyword === 'additionalProperties') {
      code = 'UNKNOWN_FIELD';
      field = [path, e.params.additionalProperty].filter(Boolean).join('.');
      message = `${field} is not a field of this request.`;
    } else if (e.keyword === 'type') {
      code = 'INVALID_TYPE';
      message = `${field} must be ${e.params.type}.`;
    } else if (e.keyword === 'format' && e.params.format === 'email') {
      code = 'INVALID_EMAIL';
      message = `${field} is not an email address.`;
    } else if (e.keyword === 'const' || e.keyword === 'enum') {
      const values = allowedValues(errors, e.instancePath).map((v) => JSON.stringify(v));
      message = `${field} must be ${values.length > 1 ? `one of ${values.join(', ')}` : values[0]}.`;
    } else if (e.keyword === 'minLength' && e.params.limit === 1) {
      message = `${field} must not be empty.`;
    } else if (e.keyword === 'maxLength') {
      message = `${field} is over ${e.params.limit} characters.`;
    }
    // One sentence per field and complaint, however many shapes repeated it.
    const key = `${field}|${code}|${message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ field, code, message }];
  });
  return { code: details[0]?.code ?? 'VALIDATION_FAILED', details };
}

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    // Every text that comes in is checked here, once, whatever the route: a line break in a name
    // would otherwise travel into calendar files and mail headers.
    app.addHook('preValidation', async (req, reply) => {
      for (const [part, value] of [
        ['params', req.params],
        ['query', req.query],
        ['body', typeof req.body === 'string' ? null : req.body],
      ] as const) {
        const field = findControlCharacter(value);
        if (field !== null) {
          const name = field || part;
          return sendError(reply, 'CONTROL_CHARACTER', `${name} holds a control character; remove it.`, [
            { field: name, code: 'CONTROL_CHARACTER', message: 'Remove the control character.' },
          ]);
        }
      }
    });
    app.setErrorHandler((err: FastifyError & { validation?: AjvError[] }, req, reply) => {
      if (err instanceof DomainError) return sendError(reply, err.code, err.message, err.details);
      // PostgreSQL out of reach (restarting, failing over): a clear 503 the client may retry.
      if (isConnectionFailure(err)) {
        req.log.warn({ err }, 'database unavailable');
        reply.header('retry-after', '2');
        return sendError(reply, 'DATABASE_UNAVAILABLE');
      }
      if (err.validation) {
        const context = err.validationContext ?? 'body';
        const errors =
          context === 'body'
            ? aboutItsKind(err.validation, req.routeOptions.schema?.body, req.body)
            : err.validation;
        const { code, details } = fromValidation(errors, context);
        return sendError(reply, code, details[0]?.message, details, 400);
      }
      switch (err.code) {
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return sendError(reply, 'BODY_TOO_LARGE', 'The body is larger than this request accepts.');
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return sendError(reply, 'UNSUPPORTED_MEDIA_TYPE', undefined, undefined, 415);
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
          return sendError(reply, 'INVALID_JSON', err.message);
        case 'RATE_LIMITED':
          return sendError(reply, 'RATE_LIMITED', err.message);
      }
      if (err.statusCode === 429) return sendError(reply, 'RATE_LIMITED');
      if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
        return sendError(reply, 'INVALID_JSON', 'The body is not valid JSON.');
      }
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        return sendError(reply, 'VALIDATION_FAILED', err.message, undefined, err.statusCode);
      }
      req.log.error({ err }, 'unhandled error');
      return reply.code(500).send({
        statusCode: 500,
        code: 'INTERNAL',
        error: 'Internal Server Error',
        message: 'Something went wrong on our side; nothing was changed.',
      });
    });
  },
  { name: 'errors' },
);
