import { describe, expect, it } from 'vitest';
import { luhn, PiiRedactor, validIdCard } from '../../../src/shared/pii-redact';

// A syntactically valid ID number (checksum computed, not a real person's).
const ID = '11010519491231002X';

describe('PiiRedactor', () => {
  it('hides the customer’s known name, phone and address, and restores them in the answer', () => {
    const r = new PiiRedactor({ name: '张伟', phone: '13812345678', address: '浙江省杭州市西湖区文三路90号' });
    const out = r.redact('张伟说：我的地址是浙江省杭州市西湖区文三路90号，电话13812345678，张伟');
    expect(out).not.toMatch(/张伟|13812345678|文三路/);
    expect(out).toBe('[姓名1]说：我的地址是[地址1]，电话[手机号1]，[姓名1]');
    expect(r.restore('好的[姓名1]，我们会联系[手机号1]')).toBe('好的张伟，我们会联系13812345678');
    expect(r.count).toBe(3);
  });

  it('finds phones, ID numbers, bank cards, e-mails, street addresses and introduced names in free text', () => {
    const r = new PiiRedactor();
    const text = `收件人李娜，电话 139-1234-5678，座机 0571-88886666，身份证${ID}，卡号6222021234567890128，邮箱 li.na@example.com，寄到上海市浦东新区世纪大道100号3栋502室`;
    const out = r.redact(text);
    for (const secret of ['李娜', '139-1234-5678', '0571-88886666', ID, '6222021234567890128', 'li.na@example.com', '世纪大道100号'])
      expect(out).not.toContain(secret);
    expect(out).toContain('寄到[地址1]');
    expect(r.summary()).toMatchObject({ name: 1, phone: 2, idCard: 1, bankCard: 1, email: 1, address: 1 });
    expect(r.restore(out)).toBe(text);
  });

  it('takes street addresses with road sections, spaces and building parts whole', () => {
    const r = new PiiRedactor();
    expect(r.redact('寄到成都市武侯区人民南路四段 12 号 5 栋 301 室，谢谢')).toBe('寄到[地址1]，谢谢');
    expect(r.redact('地址：北京市朝阳区建国路 88 号')).toBe('地址：[地址2]');
  });

  it('gives one value one placeholder however it is written', () => {
    const r = new PiiRedactor({ phone: '13812345678' });
    expect(r.redact('13812345678 / 138 1234 5678 / +86 138-1234-5678')).toBe('[手机号1] / [手机号1] / [手机号1]');
  });

  it('leaves order numbers, amounts, dates and ordinary words alone', () => {
    const r = new PiiRedactor({ name: '王芳' });
    const text = '订单号 202411241234567890 退款 59.90 元，11月24日发货，顺丰 SF1234567890123，尺码 170/88A';
    expect(luhn('202411241234567890')).toBe(false);
    expect(r.redact(text)).toBe(text);
    expect(r.count).toBe(0);
  });

  it('checks ID numbers and card numbers instead of trusting the digit count', () => {
    expect(validIdCard(ID)).toBe(true);
    expect(validIdCard('110105194912310021')).toBe(false);
    expect(luhn('6222021234567890128')).toBe(true);
    expect(luhn('6222021234567890127')).toBe(false);
  });

  it('restore ignores placeholders it did not hand out', () => {
    const r = new PiiRedactor({ name: '张伟' });
    r.redact('张伟');
    expect(r.restore('[姓名1] [姓名2] [手机号9]')).toBe('张伟 [姓名2] [手机号9]');
  });
});
