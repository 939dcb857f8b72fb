import { MigrationInterface, QueryRunner } from "typeorm";

// The kinds of notification grow with their producers (review deadline, changed visits, amendments,
// objections, offers, unstaffed visits, pay periods). TypeORM does not see a changed CHECK
// expression, so this one is written by hand.
const BEFORE = ['visit.moved', 'visit.cancelled', 'plan.review-opened', 'plan.published'];
const AFTER = [
    ...BEFORE,
    'plan.review-deadline',
    'plan.visits-changed',
    'plan.amendment-to-confirm',
    'plan.objection',
    'plan.objection-resolved',
    'plan.offer',
    'visit.unstaffed',
    'payroll.period-ready',
];
const check = (kinds: string[]) => `"kind" IN (${kinds.map((kind) => `'${kind}'`).join(', ')})`;

export class NotificationProducers1796635846397 implements MigrationInterface {
    name = 'NotificationProducers1796635846397'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (${check(AFTER)})`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "notification" WHERE NOT (${check(BEFORE)})`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "ck_notification_kind"`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "ck_notification_kind" CHECK (${check(BEFORE)})`);
    }
}
