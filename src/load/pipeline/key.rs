//! Keys of the file cache.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

/// The file cache's key for `path`: absolute, without `.` and `..`, so that a folder opened by a
/// relative path and by an absolute one shares its records. Only lexical: where a symbolic link
/// and `..` make the key name another file, it can only miss, since a record is trusted only
/// for the device, inode and times its own file had.
pub(super) fn cache_key<'p>(cwd: &Path, path: &'p Path) -> Cow<'p, Path> {
    let plain = |c: Component| !matches!(c, Component::CurDir | Component::ParentDir);
    if path.is_absolute() && path.components().all(plain) {
        return Cow::Borrowed(path);
    }
    let mut key = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                key.pop();
            }
            c => key.push(c),
        }
    }
    Cow::Owned(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_keys_are_absolute_and_lexically_plain() {
        let cwd = Path::new("/home/rina");
        for (path, key) in [
            ("news/a.txt", "/home/rina/news/a.txt"),
            ("./news/./a.txt", "/home/rina/news/a.txt"),
            ("../rina/news/a.txt", "/home/rina/news/a.txt"),
            ("/srv/news/a.txt", "/srv/news/a.txt"),
            ("/srv/old/../news/a.txt", "/srv/news/a.txt"),
            ("../../../a.txt", "/a.txt"),
        ] {
            assert_eq!(cache_key(cwd, Path::new(path)), Path::new(key), "{path}");
        }
        assert!(matches!(
            cache_key(cwd, Path::new("/srv/news/a.txt")),
            Cow::Borrowed(_)
        ));
    }
}
