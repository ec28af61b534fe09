import { describe, expect, it } from 'vitest';
import { maskAddress, maskName, maskPhone } from './pii';

describe('PII masking', () => {
  it('masks names after the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('*');
    expect(maskName('Alice')).toBe('A****');
    expect(maskName('')).toBe('');
  });

  it('masks mobile numbers as 138****1234, whatever the formatting', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138-1234-1234')).toBe('861****1234');
    expect(maskPhone('138 1234 1234')).toBe('138****1234');
    expect(maskPhone('1234567')).toBe('***4567');
    expect(maskPhone('123')).toBe('***');
  });

  it('keeps province / city / district and hides the street', () => {
    expect(maskAddress('浙江省杭州市西湖区文三路90号')).toBe('浙江省杭州市西湖区****');
    expect(maskAddress('上海市浦东新区张江路88号3号楼')).toBe('上海市浦东新区****');
    expect(maskAddress('北京市朝阳区建国路1号')).toBe('北京市朝阳区****');
    expect(maskAddress('广西壮族自治区南宁市青秀区民族大道100号')).toBe('广西壮族自治区南宁市青秀区****');
  });

  it('never reveals a street or number as a "region"', () => {
    expect(maskAddress('文三路90号小区')).not.toContain('90');
    expect(maskAddress('文三路90号小区')).toMatch(/\*{4}$/);
  });

  it('masks addresses without Chinese divisions by keeping only a short prefix', () => {
    const masked = maskAddress('221B Baker Street, London');
    expect(masked.endsWith('****')).toBe(true);
    expect(masked).not.toContain('Baker');
  });
});
