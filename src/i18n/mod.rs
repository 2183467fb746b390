//! The two languages nianbao speaks, and the words for what the core
//! reports as values: why a file could not be opened ([`errors`]) and what a
//! check is about ([`checks`]). The window and the command line are the
//! edges that choose the language; the core's own types never hold prose
//! meant for one of them.
//!
//! The window speaks Chinese unless English is chosen in its View menu; the
//! command line speaks English, or Chinese when the locale is Chinese
//! ([`Lang::from_locale`]).

pub mod checks;
pub mod errors;

use serde::{Deserialize, Serialize};

/// A language of the window and the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文 (the window's default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the string for this language.
    pub fn t(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Whether this is English.
    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    /// The command line's language from the POSIX locale variables, with
    /// their usual precedence: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// that is set and not empty decides; Chinese when it names Chinese
    /// (`zh_CN.UTF-8`, `zh_TW`, `zh`), English otherwise and when none is set.
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty());
        match locale {
            Some(l)
                if l == "zh"
                    || l.starts_with("zh_")
                    || l.starts_with("zh-")
                    || l.starts_with("zh.") =>
            {
                Lang::Zh
            }
            _ => Lang::En,
        }
    }

    /// [`Lang::from_locale`] of this process's environment.
    pub fn from_env() -> Lang {
        let var = |name| std::env::var(name).ok();
        Lang::from_locale(
            var("LC_ALL").as_deref(),
            var("LC_MESSAGES").as_deref(),
            var("LANG").as_deref(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_with_the_usual_precedence() {
        let en = Lang::En;
        let zh = Lang::Zh;
        assert_eq!(Lang::from_locale(None, None, None), en);
        assert_eq!(Lang::from_locale(None, None, Some("zh_CN.UTF-8")), zh);
        assert_eq!(Lang::from_locale(None, None, Some("zh_TW")), zh);
        assert_eq!(Lang::from_locale(None, None, Some("zh")), zh);
        assert_eq!(Lang::from_locale(None, None, Some("C.UTF-8")), en);
        assert_eq!(Lang::from_locale(None, None, Some("en_US.UTF-8")), en);
        // "zha" is not Chinese.
        assert_eq!(Lang::from_locale(None, None, Some("zha_CN")), en);
        // LC_MESSAGES over LANG, LC_ALL over both.
        assert_eq!(
            Lang::from_locale(None, Some("en_GB.UTF-8"), Some("zh_CN.UTF-8")),
            en
        );
        assert_eq!(Lang::from_locale(None, Some("zh_CN.UTF-8"), Some("C")), zh);
        assert_eq!(
            Lang::from_locale(Some("C"), Some("zh_CN.UTF-8"), Some("zh_CN")),
            en
        );
        assert_eq!(Lang::from_locale(Some("zh_CN.UTF-8"), Some("C"), None), zh);
        // A variable set but empty counts as unset.
        assert_eq!(
            Lang::from_locale(Some(""), Some(""), Some("zh_CN.UTF-8")),
            zh
        );
    }
}
