import { Controller, Get } from '@nestjs/common';
import { EntityRepository } from 'tessera-orm';
import { InjectRepository } from 'tessera-orm/nestjs';
import { Tag } from '../entities';

@Controller('tags')
export class TagsController {
  constructor(@InjectRepository(Tag) private readonly tags: EntityRepository<Tag>) {}

  /** Every tag some article has, sorted (by code point, the same on every database): one query. */
  @Get()
  async list(): Promise<{ tags: string[] }> {
    const tags = await this.tags.find({ articles: { id: { $ne: null } } }, { fields: ['name'] });
    return { tags: tags.map((t) => t.name).sort() };
  }
}
