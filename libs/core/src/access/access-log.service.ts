import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AccessLogEntry } from '@homecare/database';
import type { Page, PageRequest } from '../shared';
import { preparedQuery } from '../database';
import type { AccessLogView } from './access.view';
import { accessLogInsertSql } from './access-log.sql';

/** What a route does to the data: read, write, delete, erase. */
export function actionOf(route: string): string {
  if (route.endsWith('/erasure')) return 'erase';
  if (route.endsWith('/access-log')) return 'read-access-log';
  const method = route.split(' ')[0];
  return method === 'GET' ? 'read' : method === 'DELETE' ? 'delete' : 'write';
}

/** Who read or changed a client's data, when, and through which route. */
@Injectable()
export class AccessLogService {
  constructor(@InjectRepository(AccessLogEntry) private readonly entries: Repository<AccessLogEntry>) {}

  /**
   * One row per client, in one insert. Written on nearly every request, so in plain SQL: the
   * repository's insert builds the statement and reads back the generated id and time for nothing.
   */
  async record(userId: string, clientIds: Iterable<string>, action: string, route: string): Promise<void> {
    const unique = [...new Set(clientIds)];
    if (unique.length === 0) return;
    await preparedQuery(
      this.entries.manager.connection,
      accessLogInsertSql({
        user: '$1',
        client: 'client_id',
        action: '$3',
        route: '$4',
        source: 'FROM unnest($2::uuid[]) AS client_id',
      }),
      [userId, unique, action, route],
    );
  }

  async list(clientId: string, page: PageRequest): Promise<Page<AccessLogView>> {
    const [items, total] = await this.entries.findAndCount({
      where: { clientId },
      order: { at: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return {
      items: items.map((entry) => ({
        id: String(entry.id),
        userId: entry.userId,
        clientId: entry.clientId,
        action: entry.action,
        route: entry.route,
        at: entry.at.toISOString(),
      })),
      total,
      ...page,
    };
  }
}
