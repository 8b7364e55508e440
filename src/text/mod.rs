//! Bengali text facts as code: match keys, tokens, suffixes, digits, transliteration, dates.

pub(crate) mod bangla_calendar;
pub mod date;
pub mod escape;
pub(crate) mod fold;
pub mod key;
pub(crate) mod line_edit;
pub(crate) mod skeleton;
pub mod suffix;
pub mod token;
pub mod width;
