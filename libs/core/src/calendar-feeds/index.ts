export * from './calendar-feeds.module';
export * from './calendar-feeds.service';
export * from './calendar-ics';
export * from './calendar-feed.view';
