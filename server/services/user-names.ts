import type { Db } from '../db/connection';
import { findUserById } from '../db/repos/users';

/**
 * Username lookup for "who did this" columns (coders, appraisers, who decided), cached per call
 * site: a report names few people.
 */
export function userNames(db: Db): (userId: number) => string {
  const cache = new Map<number, string>();
  return (id) => {
    if (!cache.has(id)) cache.set(id, findUserById(db, id)?.username ?? `user ${id}`);
    return cache.get(id)!;
  };
}
