//! Bengali text facts as code: match keys, tokens, suffixes, digits, transliteration, dates.

pub mod key;
pub mod skeleton;
