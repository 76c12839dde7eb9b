import { randomBytes } from 'node:crypto';

/** `How to Train Your Dragon!` → `how-to-train-your-dragon`; accents dropped, never empty. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
  return slug || 'article';
}

/** The slug with a random suffix, for a title whose slug is taken. */
export function suffixed(slug: string): string {
  return `${slug}-${randomBytes(4).toString('hex')}`;
}
