import { IsOptional, IsString, Matches } from 'class-validator';
import { OptionalText, RequiredText, Wrapped } from '../common/dto-rules';

// Lenient on purpose: one @, no blanks. Deliverability is the mail server's business.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export class NewUser {
  @RequiredText() username!: string;
  @RequiredText() @Matches(EMAIL, { message: 'is invalid' }) email!: string;
  @RequiredText() password!: string;
}

export class NewUserRequest {
  @Wrapped(() => NewUser) user!: NewUser;
}

export class LoginUser {
  @RequiredText() email!: string;
  @RequiredText() password!: string;
}

export class LoginUserRequest {
  @Wrapped(() => LoginUser) user!: LoginUser;
}

export class UpdateUser {
  @OptionalText() @Matches(EMAIL, { message: 'is invalid' }) email?: string;
  @OptionalText() username?: string;
  @OptionalText() password?: string;
  // Bio and image may be emptied: null or "" clears them.
  @IsOptional() @IsString({ message: 'must be a string' }) bio?: string | null;
  @IsOptional() @IsString({ message: 'must be a string' }) image?: string | null;
}

export class UpdateUserRequest {
  @Wrapped(() => UpdateUser) user!: UpdateUser;
}
