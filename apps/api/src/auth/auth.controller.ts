import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AuthService, PasswordResetService, type SignIn } from '@homecare/core/auth';
import { Public } from './auth.decorators';
import {
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetRequestedView,
  RefreshTokenDto,
} from './dto/auth.dto';
import { CredentialsThrottlerGuard, THROTTLE_BY_EMAIL, THROTTLE_BY_IP } from './login-throttler.guard';

const HOUR_MS = 3600_000;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordResets: PasswordResetService,
  ) {}

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

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @UseGuards(CredentialsThrottlerGuard)
  @Throttle({
    [THROTTLE_BY_IP]: { limit: 20, ttl: HOUR_MS },
    [THROTTLE_BY_EMAIL]: { limit: 5, ttl: HOUR_MS },
  })
  @ApiOperation({
    summary: 'Email a one-time link (valid one hour) to set a new password, if the address has an account',
  })
  @ApiAcceptedResponse({
    description: 'The same answer whether or not the address has an account.',
    type: PasswordResetRequestedView,
  })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address or for this email.' })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto): Promise<PasswordResetRequestedView> {
    await this.passwordResets.request(body.email);
    return { message: 'If the address has an account, a link to set a new password is on its way.' };
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @UseGuards(CredentialsThrottlerGuard)
  @Throttle({ [THROTTLE_BY_IP]: { limit: 20, ttl: HOUR_MS } })
  @ApiOperation({
    summary: "Set a new password with the emailed link's token; ends every sign-in of the account",
  })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.passwordResets.confirm(body.token, body.password);
  }
}
