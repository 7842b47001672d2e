// The one error type an API handler throws: RFC 7807 problem fields, plus field-level `errors` for 400s.
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly type: string = 'about:blank',
    /** Further members of the problem (RFC 7807 extensions), e.g. the `code` and `filingId` of a conflict. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  toJSON(): Record<string, unknown> {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}
