import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Auth, ViewerId } from '../auth/auth.decorators';
import { IdParamPipe } from '../common/id-param.pipe';
import { NewCommentRequest } from './comments.dto';
import { CommentsService, type CommentView } from './comments.service';

@Controller('articles/:slug/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @Auth('optional')
  async list(@Param('slug') slug: string, @ViewerId() viewerId: number | undefined): Promise<{ comments: CommentView[] }> {
    return { comments: await this.comments.list(slug, viewerId) };
  }

  // The spec answers a new comment with 200, not 201.
  @Post()
  @HttpCode(200)
  @Auth('required')
  async create(@Param('slug') slug: string, @Body() body: NewCommentRequest, @ViewerId() viewerId: number): Promise<{ comment: CommentView }> {
    return { comment: await this.comments.create(slug, body.comment.body, viewerId) };
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth('required')
  async delete(@Param('slug') slug: string, @Param('id', IdParamPipe) id: number, @ViewerId() viewerId: number): Promise<void> {
    await this.comments.delete(slug, id, viewerId);
  }
}
