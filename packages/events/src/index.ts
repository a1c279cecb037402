export * from './names';
export * from './cloudevent';
export * from './command';
export * from './model';
export * from './core-events';
export * from './core-commands';
export { validateEventData } from './validate';
