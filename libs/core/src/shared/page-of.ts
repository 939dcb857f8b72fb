import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from './page';

/**
 * The documented class of a page of `item`s. The OpenAPI plugin cannot see through generics, so
 * each list names its own page (`export class TeamPage extends PageOf(Team) {}`) and the schema
 * of `items` is that class's.
 */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  abstract class PageOfItems implements Page<T> {
    @ApiProperty({ type: () => [item] })
    items: T[];

    @ApiProperty({ description: 'Items in the whole list.' })
    total: number;

    @ApiProperty()
    limit: number;

    @ApiProperty()
    offset: number;
  }
  return PageOfItems as Type<Page<T>>;
}
