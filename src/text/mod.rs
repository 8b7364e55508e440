//! Bengali text facts as code: match keys, tokens, suffixes, digits, transliteration, dates.

pub mod bangla_calendar;
pub mod date;
pub mod escape;
pub mod fold;
pub mod key;
pub mod line_edit;
pub mod skeleton;
pub mod suffix;
pub mod token;
pub mod width;
