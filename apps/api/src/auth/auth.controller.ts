import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AuthService, type SignIn } from '@homecare/core/auth';
import { Public } from './auth.decorators';
import { LoginDto, RefreshTokenDto } from './dto/auth.dto';
import { CredentialsThrottlerGuard, THROTTLE_BY_IP } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(CredentialsThrottlerGuard)
  @ApiOperation({ summary: 'Sign in: a 15-minute access token and a one-time refresh token' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address or for this email.' })
  login(@Body() body: LoginDto): Promise<SignIn> {
    return this.auth.login(body.email, body.password);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @UseGuards(CredentialsThrottlerGuard)
  @Throttle({ [THROTTLE_BY_IP]: { limit: 120, ttl: 60_000 } })
  @ApiOperation({
    summary: 'A new token pair for a refresh token; a refresh token used twice ends its sign-in',
  })
  refresh(@Body() body: RefreshTokenDto): Promise<SignIn> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @UseGuards(CredentialsThrottlerGuard)
  @Throttle({ [THROTTLE_BY_IP]: { limit: 120, ttl: 60_000 } })
  @ApiOperation({ summary: 'Ends the sign-in of this refresh token (every token issued from it)' })
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
