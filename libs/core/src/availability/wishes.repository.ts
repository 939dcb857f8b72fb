import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CaregiverWish } from '@homecare/database';

/** Every statement of caregivers' wishes. */
@Injectable()
export class WishesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** A caregiver's wishes in time order. */
  wishesOf(caregiverId: string, manager: EntityManager = this.dataSource.manager): Promise<CaregiverWish[]> {
    return manager.find(CaregiverWish, {
      where: { caregiverId },
      order: { startsAt: 'ASC', endsAt: 'ASC', id: 'ASC' },
    });
  }

  /** Replaces the whole list (inside the caller's transaction). */
  async replace(
    manager: EntityManager,
    caregiverId: string,
    wishes: readonly { startsAt: Date; endsAt: Date; kind: 'avoid' | 'prefer' }[],
  ): Promise<void> {
    await manager.delete(CaregiverWish, { caregiverId });
    if (wishes.length > 0)
      await manager.insert(
        CaregiverWish,
        wishes.map((wish) => ({ caregiverId, ...wish })),
      );
  }
}
