import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { Clock, NotFoundError } from '@homecare/common';
import { ClientAccessLink } from '@homecare/database';
import type { ClientAccessLinkView } from './access.view';

export function linkView(link: ClientAccessLink): ClientAccessLinkView {
  return {
    id: link.id,
    userId: link.userId,
    clientId: link.clientId,
    relation: link.relation,
    createdAt: link.createdAt.toISOString(),
    revokedAt: link.revokedAt ? link.revokedAt.toISOString() : null,
  };
}

/** The links that let family members (or the client) read a client's visit plan. */
@Injectable()
export class ClientAccessLinksService {
  constructor(
    @InjectRepository(ClientAccessLink) private readonly links: Repository<ClientAccessLink>,
    private readonly clock: Clock,
  ) {}

  async list(clientId: string): Promise<ClientAccessLinkView[]> {
    const links = await this.links.find({ where: { clientId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return links.map(linkView);
  }

  /** Takes effect at the family member's next request: access is checked against the links every time. */
  async revoke(clientId: string, linkId: string, byUserId: string): Promise<ClientAccessLinkView> {
    const link = await this.links.findOneBy({ id: linkId, clientId });
    if (!link) throw new NotFoundError('access link', linkId);
    if (!link.revokedAt) {
      await this.links.update(
        { id: linkId, revokedAt: IsNull() },
        { revokedAt: this.clock.now(), revokedByUserId: byUserId },
      );
    }
    return linkView((await this.links.findOneBy({ id: linkId }))!);
  }
}
