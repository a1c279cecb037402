import { describe, expect, it } from 'vitest';
import { attachmentContentDisposition, fallbackAttachmentFilename, sanitizeAttachmentFilename } from './attachments-filename';

describe('sanitizeAttachmentFilename', () => {
  it('strips path components of either kind', () => {
    expect(sanitizeAttachmentFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeAttachmentFilename('C:\\Users\\ana\\invoice.pdf')).toBe('invoice.pdf');
  });

  it('removes control characters and bidi overrides that disguise extensions', () => {
    expect(sanitizeAttachmentFilename('in\u0000voice\r\n.pdf')).toBe('invoice.pdf');
    expect(sanitizeAttachmentFilename('photo\u202Egnp.exe')).toBe('photognp.exe');
  });

  it('falls back to a neutral name when nothing is left', () => {
    expect(sanitizeAttachmentFilename(undefined)).toBe(fallbackAttachmentFilename);
    expect(sanitizeAttachmentFilename('..')).toBe(fallbackAttachmentFilename);
    expect(sanitizeAttachmentFilename('dir/')).toBe(fallbackAttachmentFilename);
  });

  it('shortens long names to 200 characters, keeping the extension and whole characters', () => {
    const name = sanitizeAttachmentFilename(`${'é'.repeat(150)}${'😀'.repeat(100)}.docx`);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('😀.docx')).toBe(true);
  });
});

describe('attachmentContentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentContentDisposition('résumé "final".pdf')).toBe(
      `attachment; filename="r_sum_ _final_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
  });
});
