//! Taking an article out of khobor: saved as a Markdown file, or piped to a command.

pub(crate) mod markdown;
pub(crate) mod pipe;
