import { describe, expect, it } from 'vitest';
import { defaultAllowedAttachmentTypes, isAttachmentTypeAllowed } from './attachments-config';
import { sniffContentType, unknownContentType } from './attachments-sniff';
import { elfHeader, pdfHeader, tinyPng } from './attachments-test-fixtures';

const text = (value: string) => new TextEncoder().encode(value);

describe('sniffContentType', () => {
  it('judges images and documents by their bytes, not the declared type', async () => {
    expect(await sniffContentType(tinyPng, 'application/pdf', 'invoice.pdf')).toBe('image/png');
    expect(await sniffContentType(pdfHeader, 'image/png')).toBe('application/pdf');
  });

  it('sees an executable for what it is, and the default allow-list refuses it', async () => {
    const type = await sniffContentType(elfHeader, 'application/pdf', 'invoice.pdf');
    expect(type).toBe('application/x-elf');
    expect(isAttachmentTypeAllowed(type, defaultAllowedAttachmentTypes)).toBe(false);
  });

  it('takes a declared text/plain or text/csv for UTF-8 text', async () => {
    expect(await sniffContentType(text('name,amount\nAna,12\n'), 'text/csv; charset=utf-8')).toBe('text/csv');
    expect(await sniffContentType(text('hello, world'), 'text/plain')).toBe('text/plain');
  });

  it('downgrades any other declared text-like type to text/plain', async () => {
    expect(await sniffContentType(text('<svg onload="alert(1)"></svg>'), 'image/svg+xml')).toBe('text/plain');
    expect(await sniffContentType(text('<script>alert(1)</script>'), 'text/html', 'page.html')).toBe('text/plain');
    expect(await sniffContentType(text('a,b\n1,2\n'), 'application/vnd.ms-excel', 'report.csv')).toBe('text/csv');
  });

  it('refuses the text fallback for bytes that are not UTF-8 or contain NUL', async () => {
    const latin1 = Uint8Array.from(Buffer.from('café crème brûlée', 'latin1'));
    expect(await sniffContentType(latin1, 'text/plain')).toBe(unknownContentType);
    expect(await sniffContentType(text('looks like\u0000text'), 'text/plain')).toBe(unknownContentType);
  });
});
