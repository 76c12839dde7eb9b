import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { OptionalText, RequiredText, Wrapped } from '../common/dto-rules';

const MAX_INT = 2 ** 31 - 1;

export class NewArticle {
  @RequiredText() title!: string;
  @RequiredText() description!: string;
  @RequiredText() body!: string;
  @IsOptional() @IsArray({ message: 'must be an array' }) @IsString({ each: true, message: 'must be an array of strings' }) tagList?: string[];
}

export class NewArticleRequest {
  @Wrapped(() => NewArticle) article!: NewArticle;
}

export class UpdateArticle {
  @OptionalText() title?: string;
  @OptionalText() description?: string;
  @OptionalText() body?: string;
}

export class UpdateArticleRequest {
  @Wrapped(() => UpdateArticle) article!: UpdateArticle;
}

/** `limit` (at least 1, default 20) and `offset` (at least 0, default 0). */
export class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be an integer' }) @Min(1, { message: 'must be at least 1' }) @Max(MAX_INT, { message: 'is too large' }) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'must be an integer' }) @Min(0, { message: 'must be at least 0' }) @Max(MAX_INT, { message: 'is too large' }) offset?: number;
}

export class ListArticlesQuery extends PageQuery {
  @IsOptional() @IsString({ message: 'must be a string' }) tag?: string;
  @IsOptional() @IsString({ message: 'must be a string' }) author?: string;
  @IsOptional() @IsString({ message: 'must be a string' }) favorited?: string;
}
