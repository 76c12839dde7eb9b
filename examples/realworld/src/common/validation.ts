import { UnprocessableEntityException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * Validates bodies and query strings against the DTOs. Unknown properties are dropped; a failure is a 422 whose
 * `errors.body` lists one message per broken rule, named by its path (`user.email can't be empty`).
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    exceptionFactory: (errors) => new UnprocessableEntityException(flatten(errors, '')),
  });
}

function flatten(errors: readonly ValidationError[], prefix: string): string[] {
  return errors.flatMap((error) => {
    const path = prefix + error.property;
    // Class-validator's messages start with the property name; ours say only what is wrong.
    const own = Object.values(error.constraints ?? {}).map((message) => `${path} ${message}`);
    return [...own, ...flatten(error.children ?? [], `${path}.`)];
  });
}
