// Entry for the TypeORM CLI (`npm run db:generate -- libs/database/src/migrations/Name`).
// It reads DATABASE_URL from the environment; `npm run db:generate` provides a scratch database.
import { createDataSource } from './data-source';

if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
export default createDataSource(process.env.DATABASE_URL);
