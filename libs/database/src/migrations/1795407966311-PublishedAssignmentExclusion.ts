import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand, never generated: the database itself forbids a caregiver two overlapping
 * published visits, whatever the application does. btree_gist lets a gist index compare uuids
 * with `=`. The entity declares the same constraint (@Exclusion), so `migration:generate` knows it
 * and leaves it alone instead of dropping it (typeorm#3956); `npm run db:check` proves that.
 */
export class PublishedAssignmentExclusion1795407966311 implements MigrationInterface {
  name = 'PublishedAssignmentExclusion1795407966311';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query(`
      ALTER TABLE "published_assignment"
        ADD CONSTRAINT "ex_published_assignment_caregiver_overlap"
        EXCLUDE USING gist ("caregiver_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)
        WHERE ("removed_at" IS NULL)
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The extension stays: other objects may use it, and it costs nothing unused.
    await queryRunner.query(
      'ALTER TABLE "published_assignment" DROP CONSTRAINT "ex_published_assignment_caregiver_overlap"',
    );
  }
}
