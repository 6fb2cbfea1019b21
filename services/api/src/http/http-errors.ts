// Errors the HTTP layer itself raises (authentication, request headers). Like the ledger's domain errors
// they carry a code and an HTTP status, and the one central error handler turns them into answers.
export class UnauthorizedError extends Error {
  readonly code = 'UNAUTHORIZED';
  readonly httpStatus = 401;
}

export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN';
  readonly httpStatus = 403;
}

/** A request header that cannot be understood (e.g. a malformed If-Match). */
export class BadHeaderError extends Error {
  readonly code = 'BAD_HEADER';
  readonly httpStatus = 400;
  constructor(readonly header: string, message: string) {
    super(message);
  }
}
