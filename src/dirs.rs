//! Where khobor keeps its files by default: `$XDG_CONFIG_HOME/khobor`, `$XDG_DATA_HOME/khobor`,
//! `$XDG_CACHE_HOME/khobor` (or the platform's equivalents), worked out once per process.

use std::sync::OnceLock;

use directories::ProjectDirs;

/// khobor's directories; `None` when there is no home directory to put them in.
pub(crate) fn project() -> Option<&'static ProjectDirs> {
    static DIRS: OnceLock<Option<ProjectDirs>> = OnceLock::new();
    DIRS.get_or_init(|| ProjectDirs::from("", "", "khobor"))
        .as_ref()
}
