import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
@Module({})
class AppModule {}
async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  await app.listen(process.env.PORT ?? 3000);
}
void bootstrap();
