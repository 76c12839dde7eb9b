import { applyDecorators } from '@nestjs/common';
import { IsDefined, IsNotEmpty, IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

/** A required, non-blank string. */
export const RequiredText = (): PropertyDecorator =>
  applyDecorators(IsDefined({ message: "can't be empty" }), IsString({ message: 'must be a string' }), IsNotEmpty({ message: "can't be empty" }));

/** An optional string; when present it must not be blank. */
export const OptionalText = (): PropertyDecorator =>
  applyDecorators(IsOptional(), IsString({ message: 'must be a string' }), IsNotEmpty({ message: "can't be empty" }));

/** The object a request body wraps its payload in (`{ "user": { ... } }`), validated in depth. */
export const Wrapped = (type: () => new () => object): PropertyDecorator =>
  applyDecorators(IsDefined({ message: "can't be empty" }), IsObject({ message: 'must be an object' }), ValidateNested(), Type(type));
