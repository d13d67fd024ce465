import { describe, expect, it } from 'vitest';
import { check, detectLanguage } from '../src/index.js';

describe("lang: 'auto'", () => {
  it('tells English, Swedish and Danish apart on short messages', () => {
    expect(detectLanguage('I am not sure what to do, but I hope it gets better.')).toBe('en');
    expect(detectLanguage('Jag vet inte vad jag ska göra, men det känns tungt.')).toBe('sv');
    expect(detectLanguage('Jeg ved ikke hvad jeg skal gøre, men det føles tungt.')).toBe('da');
  });

  it('reads Norwegian-like text as Danish, the closest pack', () => {
    expect(detectLanguage('Jeg vet ikke hva jeg skal gjøre, kanskje noen kan hjelpe meg?')).toBe('da');
  });

  it('keeps the document language for paragraphs without evidence', () => {
    expect(detectLanguage('Personlig recovery', ['en', 'sv', 'da'], 'da')).toBe('da');
    expect(detectLanguage('2021-10-23', ['en', 'sv', 'da'], 'sv')).toBe('sv');
  });

  it('checks each paragraph with its own pack, offsets into the whole text', () => {
    const text = 'Hej! Jag har läst ditt inlägg och jag känner igen mig.\n\nYou should call your doctor.';
    const { findings, lang } = check(text, { lang: 'auto' });
    const f = findings.find((x) => x.ruleId === 'directive/modal')!;
    expect(f.text).toBe('You should call');
    expect(text.slice(f.range[0], f.range[1])).toBe(f.text);
    expect(f.line).toBe(3);
    expect(['sv', 'en']).toContain(lang);
  });
});
