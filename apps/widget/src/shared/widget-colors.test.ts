import { describe, expect, it } from 'vitest';
import { brandColors } from './widget-colors';

describe('brand colours', () => {
  it('picks readable text on the brand colour unless the config names one', () => {
    expect(brandColors('#1f6feb', null)).toEqual(['#1f6feb', '#fff']);
    expect(brandColors('#ffd33d', null)).toEqual(['#ffd33d', '#111']);
    expect(brandColors('#fff', undefined)).toEqual(['#fff', '#111']);
    expect(brandColors('#1f6feb', '#ffee00')).toEqual(['#1f6feb', '#ffee00']);
  });

  it('falls back to the default for anything that is not a hex colour', () => {
    expect(brandColors('blue', 'expression(alert(1))')).toEqual(['#1f6feb', '#fff']);
    expect(brandColors(null, null)).toEqual(['#1f6feb', '#fff']);
  });
});
