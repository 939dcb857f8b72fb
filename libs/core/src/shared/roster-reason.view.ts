// A class, in a `.view.ts` file, so that the API's OpenAPI plugin documents it where it is shown.
import { ApiProperty } from '@nestjs/swagger';
import { ROSTER_REASON_CODES, type RosterReasonCode, type RosterReasonParams } from '@homecare/scenario';

/**
 * One of the engine's reasons as a code with parameters (instants ISO, dates `YYYY-MM-DD`,
 * minutes, people by name): for apps that word it themselves. `explanation`/`reason` beside it is
 * the same in the reader's language.
 */
export class RosterReasonView {
  @ApiProperty({ enum: ROSTER_REASON_CODES, enumName: 'RosterReasonCode' })
  code: RosterReasonCode;
  @ApiProperty({ type: 'object', additionalProperties: true })
  params: RosterReasonParams;
}
