import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import {
  APPLICATION_STATUS_LABELS,
  LEGAL_FORM_LABELS,
  ORG_FLAG_LABELS,
  ORG_STATUS_LABELS,
  REGION_KIND_LABELS,
  REGION_LEVEL_LABELS,
  REVIEW_STEP_LABELS,
  ROLE_LABELS,
  type ApplicationStatus,
  type LegalForm,
  type OrgFlag,
  type OrgStatus,
  type RegionKind,
  type ReviewStep,
  type Role,
} from '../shared/enums.js';
import {
  CATEGORY_LABELS_EN,
  LEGAL_FORM_LABELS_EN,
  ORG_FLAG_LABELS_EN,
  ORG_STATUS_LABELS_EN,
  REGION_KIND_LABELS_EN,
  REGION_LEVEL_LABELS_EN,
  REVIEW_STATUS_LABELS_EN,
  REVIEW_STEP_LABELS_EN,
  ROLE_LABELS_EN,
  commonMessages,
} from './common.messages.js';

// One way to hold strings: a messages file per feature (features/<name>/<name>.messages.ts) and one for the shell
// and the common words (common.messages.ts), each with zh_CN first and en_US complete, read through one hook,
// useT(featureMessages). Messages that come from the server (errors, validation) are Chinese in both modes.

export type Lang = 'zh' | 'en';
const LANG_KEY = 'shezu.lang';

/** A feature's strings: the same keys in Chinese and in English. Made with defineMessages. */
export interface Messages<K extends string = string> {
  readonly zh_CN: Readonly<Record<K, string>>;
  readonly en_US: Readonly<Record<K, string>>;
}
/** The keys of common.messages.ts, which every useT lookup also knows. */
export type MsgKey = keyof typeof commonMessages.zh_CN;
export type Vars = Record<string, string | number>;
/** A lookup: a key of the feature's table or of the common one, with {name} placeholders filled from vars. */
export type Translate<K extends string> = (key: K | MsgKey, vars?: Vars) => string;

/**
 * A feature's messages table. en_US must have exactly zh_CN's keys (declare it `const en_US: typeof zh_CN`), and no
 * key may repeat a common key (it would hide the common word: the type says `never` for such a key).
 */
export function defineMessages<T extends Record<string, string>>(table: {
  zh_CN: T & { readonly [P in MsgKey]?: never };
  en_US: T;
}): Messages<Extract<keyof T, string>> {
  return table;
}

function lookup(lang: Lang, key: string, vars?: Vars, messages?: Messages): string {
  const side = lang === 'zh' ? 'zh_CN' : 'en_US';
  const text: string = messages?.[side][key] ?? (commonMessages[side] as Record<string, string>)[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A common word outside React's hooks (the error boundary), in the given language. */
export function translate(lang: Lang, key: MsgKey, vars?: Vars): string {
  return lookup(lang, key, vars);
}

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let activeLang: Lang = storedLang();
/** For code outside React's tree of hooks (the error boundary). */
export function currentLang(): Lang {
  return activeLang;
}

function applyLang(lang: Lang) {
  activeLang = lang;
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
applyLang(activeLang);

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'zh', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(activeLang);
  useEffect(() => applyLang(lang), [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // Private browsing without storage: the choice lasts for this page only.
    }
    applyLang(next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return createElement(LangContext.Provider, { value }, children);
}

export function useLang(): LangState {
  return useContext(LangContext);
}

/** The one lookup hook: useT() for the common words, useT(featureMessages) for a feature's strings and the common ones. */
export function useT(): Translate<never>;
export function useT<K extends string>(messages: Messages<K>): Translate<K>;
export function useT(messages?: Messages): Translate<string> {
  const { lang } = useLang();
  return useCallback((key: string, vars?: Vars) => lookup(lang, key, vars, messages), [lang, messages]);
}

/** Labels of roles, region kinds and levels, and of the registry's forms, statuses and marks, in the current language. */
export function useEnumLabels() {
  const { lang } = useLang();
  return useMemo(() => {
    const zh = lang === 'zh';
    return {
      role: (r: Role) => (zh ? ROLE_LABELS[r] : ROLE_LABELS_EN[r]) ?? r,
      kind: (k: RegionKind) => (zh ? REGION_KIND_LABELS[k] : REGION_KIND_LABELS_EN[k]) ?? k,
      level: (l: number) => (zh ? REGION_LEVEL_LABELS[l] : REGION_LEVEL_LABELS_EN[l]) ?? String(l),
      legalForm: (f: LegalForm) => (zh ? LEGAL_FORM_LABELS[f] : LEGAL_FORM_LABELS_EN[f]) ?? f,
      orgStatus: (s: OrgStatus) => (zh ? ORG_STATUS_LABELS[s] : ORG_STATUS_LABELS_EN[s]) ?? s,
      orgFlag: (f: OrgFlag) => (zh ? ORG_FLAG_LABELS[f] : ORG_FLAG_LABELS_EN[f]) ?? f,
      reviewStatus: (s: ApplicationStatus) => (zh ? APPLICATION_STATUS_LABELS[s] : REVIEW_STATUS_LABELS_EN[s]) ?? s,
      reviewStep: (s: ReviewStep) => (zh ? REVIEW_STEP_LABELS[s] : REVIEW_STEP_LABELS_EN[s]) ?? s,
      /** A category's name: the English one for the default categories, else the district's own word (data). */
      category: (c: string) => (zh ? c : (CATEGORY_LABELS_EN[c] ?? c)),
      /** True when category(c) shows the district's own (Chinese) word: mark it as data. */
      categoryIsData: (c: string) => !zh && !(c in CATEGORY_LABELS_EN),
    };
  }, [lang]);
}
