import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './password-policy.js';

describe('checkPasswordPolicy', () => {
  it('accepts 8+ characters from 3 of 4 classes', () => {
    expect(checkPasswordPolicy('Shezu@2026')).toBeNull();
    expect(checkPasswordPolicy('abcdEF12')).toBeNull();
    expect(checkPasswordPolicy('abcd@#12')).toBeNull();
  });
  it('refuses short passwords', () => {
    expect(checkPasswordPolicy('Ab1@xyz')).toBe('密码至少 8 位');
  });
  it('refuses passwords from fewer than 3 classes', () => {
    expect(checkPasswordPolicy('abcdefgh1')).toMatch(/至少三类/);
    expect(checkPasswordPolicy('ABCDEFGH')).toMatch(/至少三类/);
  });
  it('refuses passwords containing the username', () => {
    expect(checkPasswordPolicy('Wang-li2026', 'wang-li')).toBe('密码不能包含用户名');
  });
});
