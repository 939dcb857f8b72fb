import { MigrationInterface, QueryRunner } from 'typeorm';

export class RosterInputSnapshot1795409429314 implements MigrationInterface {
  name = 'RosterInputSnapshot1795409429314';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "roster" ADD "input" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "roster" DROP COLUMN "input"`);
  }
}
