//! Fingerprints everything that can decide what the on-disk caches hold: the whole source tree,
//! the data in `assets/` and the locked dependency versions. Any change to any of it invalidates
//! the caches automatically: no version number to forget, and no hand-kept list of the files that
//! matter to miss a new one (a moved module or a new input format is covered the day it lands).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::{env, fs, io};

const INPUTS: &[&str] = &["src", "assets", "Cargo.lock"];

fn main() -> io::Result<()> {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        hash_tree(Path::new(input), &mut hasher)?;
    }
    let out = Path::new(&env::var("OUT_DIR").map_err(io::Error::other)?).join("fingerprint.rs");
    fs::write(
        out,
        format!(
            "/// Hash of the extraction and cache code and data this binary was built from.\n\
             pub const EXTRACTION_FINGERPRINT: u64 = {:#x};\n",
            hasher.finish()
        ),
    )
}

fn hash_tree(path: &Path, hasher: &mut DefaultHasher) -> io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = fs::read_dir(path)?.collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            hash_tree(&e.path(), hasher)?;
        }
    } else if path.is_file() {
        path.to_string_lossy().hash(hasher);
        fs::read(path)?.hash(hasher);
    }
    Ok(())
}
