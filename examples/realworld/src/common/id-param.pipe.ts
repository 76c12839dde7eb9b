import { Injectable, UnprocessableEntityException, type PipeTransform } from '@nestjs/common';

const MAX_ID = 2 ** 31 - 1;

/** A path parameter the spec types as an integer (a comment's id): anything else is a 422. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d+$/.test(value)) throw new UnprocessableEntityException(['id must be an integer']);
    // A number past the column's range names no comment: 0 is looked up and found nowhere.
    const id = Number(value);
    return id <= MAX_ID ? id : 0;
  }
}
