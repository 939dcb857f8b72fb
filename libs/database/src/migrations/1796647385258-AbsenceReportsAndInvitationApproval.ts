import { MigrationInterface, QueryRunner } from "typeorm";

// Absences reported by a colleague (an organisation's choice, off by default; the absent person is
// told) and members' invitations that wait for a coordinator's approval. Invitations made before
// this were already sent: they count as approved when made. TypeORM does not see a changed CHECK
// expression, so the notification kinds are written by hand.
const BEFORE = [
    'visit.moved',
    'visit.cancelled',
    'plan.review-opened',
    'plan.published',
    'plan.review-deadline',
    'plan.visits-changed',
    'plan.amendment-to-confirm',
    'plan.objection',
    'plan.objection-resolved',
    'plan.offer',
    'visit.unstaffed',
    'payroll.period-ready',
];
const AFTER = [...BEFORE.slice(0, 7), 'plan.absence-reported', ...BEFORE.slice(7)];
const check = (kinds: string[]) => `"kind" IN (${kinds.map((kind) => `'${kind}'`).join(', ')})`;

export class AbsenceReportsAndInvitationApproval1796647385258 implements MigrationInterface {
    name = 'AbsenceReportsAndInvitationApproval1796647385258'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "organisation"
            ADD "colleagues_may_report_absence" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD "approved_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation"
            ADD "approved_by_user_id" uuid
        `);
        await queryRunner.query(`UPDATE "invitation" SET "approved_at" = "created_at"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (${check(AFTER)})`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "notification" WHERE NOT (${check(BEFORE)})`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (${check(BEFORE)})`);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP COLUMN "approved_by_user_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "invitation" DROP COLUMN "approved_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "organisation" DROP COLUMN "colleagues_may_report_absence"
        `);
    }
}
