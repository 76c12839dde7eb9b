import { RequiredText, Wrapped } from '../common/dto-rules';

export class NewComment {
  @RequiredText() body!: string;
}

export class NewCommentRequest {
  @Wrapped(() => NewComment) comment!: NewComment;
}
