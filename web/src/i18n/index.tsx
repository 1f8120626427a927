import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { zhCN, type MessageKey } from './zh-CN.js';
import { en } from './en.js';

export type Lang = 'zh-CN' | 'en';
const TABLES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const s = TABLES[lang][key] ?? zhCN[key] ?? key;
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

interface I18n {
  lang: Lang;
  setLang(l: Lang): void;
  t: T;
}

const Ctx = createContext<I18n>({ lang: 'zh-CN', setLang: () => {}, t: (k, p) => translate('zh-CN', k, p) });

const stored = (): Lang => {
  try {
    return localStorage.getItem('jixiao.lang') === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
};

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(stored);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang(l) {
        setLangState(l);
        try {
          localStorage.setItem('jixiao.lang', l);
        } catch {
          /* private mode */
        }
        document.documentElement.lang = l;
      },
      t: (k, p) => translate(lang, k, p),
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useI18n = () => useContext(Ctx);
export type { MessageKey };
