// Domain errors: a namespaced code for logs and programs, and a short message for people in
// English and Chinese. The conversation layer shows `userMessage(locale)`; `message` is for logs
// and must never carry secrets or personal data beyond ids.
export type Locale = 'en' | 'zh';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  protected abstract readonly messages: Readonly<Record<Locale, string>>;
  userMessage(locale: Locale = 'en'): string {
    return this.messages[locale] ?? this.messages.en;
  }
}

export class NotFoundError extends DomainError {
  readonly code: string;
  protected readonly messages: Record<Locale, string>;
  constructor(entity: string, id: string, what?: { en: string; zh: string }) {
    super(`${entity} ${id} not found`);
    this.code = `${entity.toUpperCase()}.NOT_FOUND`;
    this.messages = what
      ? { en: `I couldn't find ${what.en}.`, zh: `没有找到${what.zh}。` }
      : { en: `I couldn't find that ${entity.toLowerCase()}.`, zh: `没有找到该记录。` };
  }
}

/** The actor may not see or change this. Never an empty result pretending nothing exists. */
export class ForbiddenError extends DomainError {
  readonly code = 'ACCESS.FORBIDDEN';
  protected readonly messages: Record<Locale, string>;
  constructor(reason: string, what?: { en: string; zh: string }) {
    super(`forbidden: ${reason}`);
    this.messages = {
      en: what?.en ?? "You don't have access to that record.",
      zh: what?.zh ?? '你没有权限访问该记录。',
    };
  }
}

export class ValidationError extends DomainError {
  readonly code = 'INPUT.INVALID';
  protected readonly messages: Record<Locale, string>;
  constructor(
    readonly field: string,
    en: string,
    zh: string,
  ) {
    super(`invalid ${field}: ${en}`);
    this.messages = { en, zh };
  }
}

export class ConflictError extends DomainError {
  readonly code: string;
  protected readonly messages: Record<Locale, string>;
  constructor(code: string, en: string, zh: string) {
    super(`${code}: ${en}`);
    this.code = code;
    this.messages = { en, zh };
  }
}
