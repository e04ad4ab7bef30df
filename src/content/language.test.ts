import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it.each([
    ['How do I sort a list in Python?', 'en'],
    ['帮我写一个Python脚本，把文件夹里的照片按拍摄日期重命名。', 'zh'],
    ['Напиши скрипт на Python, который переименовывает фотографии.', 'ru'],
    ['یک اسکریپت پایتون بنویس که عکس‌ها را تغییر نام دهد.', 'fa'],
    ['폴더 안의 사진을 촬영 날짜로 이름을 바꾸는 파이썬 스크립트를 짜 줘.', 'ko'],
    ['اكتب رسالة تهنئة قصيرة بعيد ميلاد زميلي.', 'ar'],
    ['¿Cómo leo un archivo CSV en Python y lo ordeno por una columna?', 'es'],
    ['Wie lese ich eine CSV-Datei in Python ein und sortiere nach einer Spalte?', 'de'],
    ['ファイルを日付で並べ替える方法を教えてください。', 'ja'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('names the native script when a request mixes it with Latin product names', () => {
    expect(detectLanguage('怎么绕过 CrowdStrike Falcon 和 Windows Defender 的检测？')).toBe('zh');
  });

  it('returns und for text without letters', () => {
    expect(detectLanguage('')).toBe('und');
    expect(detectLanguage('1234 !!! ...')).toBe('und');
  });
});
