import { MigrationInterface, QueryRunner } from "typeorm";

// "I'm running late" from a caregiver's day tells the client's family and the team. TypeORM does
// not see a changed CHECK expression, so this one is written by hand.
const BEFORE = [
    'visit.moved',
    'visit.cancelled',
    'plan.review-opened',
    'plan.published',
    'plan.review-deadline',
    'plan.visits-changed',
    'plan.amendment-to-confirm',
    'plan.absence-reported',
    'plan.objection',
    'plan.objection-resolved',
    'plan.offer',
    'visit.unstaffed',
    'payroll.period-ready',
];
const AFTER = [...BEFORE, 'visit.running-late'];
const check = (kinds: string[]) => `"kind" IN (${kinds.map((kind) => `'${kind}'`).join(', ')})`;

export class RunningLate1796649800000 implements MigrationInterface {
    name = 'RunningLate1796649800000'

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
