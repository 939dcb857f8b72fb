import { MigrationInterface, QueryRunner } from "typeorm";

export class RollingPlanning1796635829267 implements MigrationInterface {
    name = 'RollingPlanning1796635829267'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "team_planning_settings" (
                "team_id" uuid NOT NULL,
                "rolling_planning_enabled" boolean NOT NULL DEFAULT false,
                "weeks_ahead" smallint NOT NULL DEFAULT '1',
                "review_opens_weekday" smallint NOT NULL DEFAULT '3',
                "review_deadline_weekday" smallint NOT NULL DEFAULT '5',
                "review_deadline_time" text NOT NULL DEFAULT '17:00',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_team_planning_settings_deadline_weekday" CHECK (
                    "review_deadline_weekday" BETWEEN 1 AND 7
                ),
                CONSTRAINT "ck_team_planning_settings_opens_weekday" CHECK (
                    "review_opens_weekday" BETWEEN 1 AND 7
                ),
                CONSTRAINT "ck_team_planning_settings_weeks_ahead" CHECK (
                    "weeks_ahead" BETWEEN 1 AND 4
                ),
                CONSTRAINT "PK_bbbec41dc35c1f769b7bb61c82b" PRIMARY KEY ("team_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "planning_week" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "team_id" uuid NOT NULL,
                "week_start" date NOT NULL,
                "plan_id" uuid NOT NULL,
                "review_deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
                "review_opened_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_8ae0c24db35ba748a46094f5158" UNIQUE ("plan_id"),
                CONSTRAINT "uq_planning_week_team_week" UNIQUE ("team_id", "week_start"),
                CONSTRAINT "PK_5583a380d6f363e8f7dcd5f5373" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "team_planning_settings"
            ADD CONSTRAINT "FK_bbbec41dc35c1f769b7bb61c82b" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "planning_week"
            ADD CONSTRAINT "FK_62812e7f47f8ac24c76c409d8a3" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "planning_week"
            ADD CONSTRAINT "FK_8ae0c24db35ba748a46094f5158" FOREIGN KEY ("plan_id") REFERENCES "roster_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "planning_week" DROP CONSTRAINT "FK_8ae0c24db35ba748a46094f5158"
        `);
        await queryRunner.query(`
            ALTER TABLE "planning_week" DROP CONSTRAINT "FK_62812e7f47f8ac24c76c409d8a3"
        `);
        await queryRunner.query(`
            ALTER TABLE "team_planning_settings" DROP CONSTRAINT "FK_bbbec41dc35c1f769b7bb61c82b"
        `);
        await queryRunner.query(`
            DROP TABLE "planning_week"
        `);
        await queryRunner.query(`
            DROP TABLE "team_planning_settings"
        `);
    }

}
