import { Column, Entity, PrimaryKey } from '../../src';

/** Published to other processes: every committed change goes through the outbox. */
@Entity({ table: 'feed_users', changeEvents: true })
export class FeedUser {
  @PrimaryKey() id!: number;
  @Column() email!: string;
  @Column({ type: 'int' }) tenantId!: number;
  @Column({ type: 'timestamp' }) updatedAt = new Date('2026-01-02T03:04:05.678Z');
  @Column({ type: 'json', nullable: true }) prefs: Record<string, unknown> | null = null;
}

/** Another published entity: a consumer of FeedUser never sees its events. */
@Entity({ table: 'feed_posts', changeEvents: true })
export class FeedPost {
  @PrimaryKey() id!: number;
  @Column({ type: 'text' }) body!: string;
}

/** Not published: its changes reach the outbox only while this process itself follows it. */
@Entity({ table: 'feed_logs' })
export class FeedLog {
  @PrimaryKey() id!: number;
  @Column() line!: string;
}

export const FEED_ENTITIES = [FeedUser, FeedPost, FeedLog];
