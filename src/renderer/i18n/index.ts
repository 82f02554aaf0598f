import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import vi from './vi.json';
import en from './en.json';
import { MODULE_RESOURCES } from './modules';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The choice survives restarts; each PC of the school keeps its own. */
const STORAGE_KEY = 'tc.lang';

function storedLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'vi';
  } catch {
    // Storage can be unavailable (privacy settings, file:// in some browsers): Vietnamese then.
    return 'vi';
  }
}

// Resources are bundled, so init is synchronous: the first render already has its texts and
// no screen ever flashes untranslated keys on a slow PC.
void i18next.use(initReactI18next).init({
  resources: {
    vi: { translation: MODULE_RESOURCES.reduce((all, m) => ({ ...all, ...m.vi }), vi) },
    en: { translation: MODULE_RESOURCES.reduce((all, m) => ({ ...all, ...m.en }), en) },
  },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes already
  react: { useSuspense: false },
});
applyToPage(currentLanguage());

/** dayjs month names and the page's lang attribute (screen readers, hyphenation) follow the UI. */
function applyToPage(lang: Language): void {
  dayjs.locale(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export async function setLanguage(lang: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the switch still applies to this session.
  }
  applyToPage(lang);
  await i18next.changeLanguage(lang);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'vi';
}

export { i18next };
