//! Reading one article again in full, for the reader.
//!
//! A corpus loaded light ([`crate::load::LoadOptions::light`]) holds no bodies: the file is the
//! body, and reading, cleaning, parsing and extracting one article again takes well under a
//! millisecond. The content hash tells whether the file still says what was loaded. A dataset
//! row (`news.csv:118`) is found again by its key in its file.

use crate::article::{Article, ContentId};
use crate::extract::Extractor;
use crate::fsutil::text_path;
use crate::ingest;

/// An article read again in full.
#[derive(Clone, Debug, PartialEq)]
pub struct Reloaded {
    /// With body and entities (all spans).
    pub article: Article,
    /// The file no longer holds the text that was loaded: `article` is what it holds now.
    pub changed: bool,
}

/// Reads the article loaded from `path` with content `id` again, with its body and entities.
/// A bundled seed is read from the binary; anything else from its file. The error names the
/// file (or the dataset row) that could not be read, and why.
pub fn reload(
    path: &str,
    id: ContentId,
    extractor: &Extractor,
) -> Result<Reloaded, ingest::FileProblem> {
    let bundled = crate::seeds::BUNDLED
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(p, bytes)| ingest::parse_bytes(p, bytes))
        .filter(|parsed| parsed.as_ref().is_ok_and(|(a, _)| a.id == id));
    let (mut article, _) = match bundled {
        Some(parsed) => parsed,
        None => read_again(path),
    }?;
    article.entities = extractor.extract(&article);
    Ok(Reloaded {
        changed: article.id != id,
        article,
    })
}

/// The article shown as `path`: a file's only article, or a row of a dataset or feed.
fn read_again(path: &str) -> Result<(Article, Vec<ingest::FileProblem>), ingest::FileProblem> {
    let row = ingest::formats::split_row_path(path).filter(|_| !text_path(path).exists());
    let file = row.map_or(path, |(file, _)| file);
    let loaded = ingest::formats::load(&text_path(file))?;
    loaded
        .articles
        .into_iter()
        .find(|a| a.path == path)
        .map(|a| (a, loaded.warnings))
        .ok_or_else(|| ingest::FileProblem::new(path, "no longer in its file"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::load::LoadOptions;

    #[test]
    fn a_light_article_reloads_to_the_full_one() {
        let extractor = Extractor::new();
        let (full, _) = Corpus::load(&[], &extractor).expect("seeds");
        let light = LoadOptions::default().light(true);
        let (lean, _) = Corpus::load_with(&[], &extractor, &light).expect("seeds");
        for (full, lean) in full.articles.iter().zip(&lean.articles) {
            assert!(lean.text_omitted && lean.body.is_empty());
            let again = reload(&lean.path, lean.id, &extractor).expect("reloads");
            assert!(!again.changed);
            assert_eq!(&again.article, full);
        }
    }

    #[test]
    fn an_edited_file_reloads_as_it_is_now_and_says_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "পুতিনের সফর\n\nমস্কোয় পুতিন বলেন।\n").expect("write");
        let extractor = Extractor::new();
        let light = LoadOptions::default().light(true);
        let (corpus, _) =
            Corpus::load_with(&[dir.path().to_path_buf()], &extractor, &light).expect("loads");
        let loaded = &corpus.articles[0];
        std::fs::write(&path, "লাভরভের সফর\n\nমস্কোয় লাভরভ বলেন।\n").expect("write");
        let again = reload(&loaded.path, loaded.id, &extractor).expect("reloads");
        assert!(again.changed);
        assert_eq!(again.article.body, ["মস্কোয় লাভরভ বলেন।"]);
        std::fs::remove_file(&path).expect("remove");
        let gone = reload(&loaded.path, loaded.id, &extractor).expect_err("gone");
        assert!(gone.path.ends_with("a.txt"), "{gone}");
    }

    #[test]
    fn a_dataset_row_reloads_by_its_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("news.csv");
        std::fs::write(
            &path,
            "title,body\nপ্রথম খবর,\"প্রথম অনুচ্ছেদ,\nদ্বিতীয় লাইন।\"\nপুতিনের সফর,মস্কোয় পুতিন বলেন।\n",
        )
        .expect("write");
        let extractor = Extractor::new();
        let light = LoadOptions::default().light(true);
        let (corpus, _) =
            Corpus::load_with(&[dir.path().to_path_buf()], &extractor, &light).expect("loads");
        assert_eq!(corpus.articles.len(), 2);
        let second = &corpus.articles[1];
        assert!(second.path.ends_with("news.csv:4"), "{}", second.path);
        let again = reload(&second.path, second.id, &extractor).expect("reloads");
        assert!(!again.changed);
        assert_eq!(again.article.title, "পুতিনের সফর");
        assert_eq!(again.article.body, ["মস্কোয় পুতিন বলেন।"]);
    }
}
