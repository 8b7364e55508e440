//! The file the whole search index is persisted in: a header naming the build and the corpus it
//! was built from, then a few large arrays (numbers, bytes, strings laid end to end), then a
//! checksum of all of it.
//!
//! Unlike the other caches (`arena`), this is one value, not entries by key: a warm start on an
//! unchanged corpus reads it front to back into the arrays the index uses, with no decoding per
//! item, and nothing else (neither the body cache nor any article file). The arrays are read
//! straight from the file into their own vectors, a chunk at a time, so the file is never held
//! in memory beside them. A file of another build is not read past its header; one of another
//! corpus only by a changed corpus updating its index from it ([`load_front`]: the first
//! arrays, the rest only hashed). One that is truncated or fails its checksum is reported with
//! a warning and removed (the caller then builds the index and saves it again). Replaced
//! atomically, like the other caches.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use super::{EXTRACTION_FINGERPRINT, varint};
use crate::fsutil::{open_regular, write_atomic_with};

/// The format's name and version: a change of layout changes it (and the build fingerprint).
const MAGIC: &[u8; 8] = b"KHOBORI2";
/// A file larger than this is not read: far above what a million articles take.
const MAX_INDEX_BYTES: u64 = 8 * 1024 * 1024 * 1024;
/// Bytes read at a time into an array.
const CHUNK: usize = 1 << 16;

/// `index-<fingerprint>.bin` in `dir`.
fn path(dir: &Path, fingerprint: u64) -> PathBuf {
    dir.join(format!("index-{fingerprint:016x}.bin"))
}

/// Writes arrays into the index file, hashing everything written.
pub(crate) struct IndexWriter<'a> {
    out: BufWriter<&'a mut File>,
    hasher: Xxh3,
}

impl IndexWriter<'_> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hasher.update(bytes);
        self.out.write_all(bytes)
    }

    fn len(&mut self, n: usize) -> io::Result<()> {
        self.put(&(n as u64).to_le_bytes())
    }

    pub(crate) fn u8s(&mut self, items: &[u8]) -> io::Result<()> {
        self.len(items.len())?;
        self.put(items)
    }

    /// Numbers of `N` bytes each, little-endian, written a chunk at a time.
    fn words<const N: usize, T: Copy>(
        &mut self,
        items: &[T],
        to: fn(T) -> [u8; N],
    ) -> io::Result<()> {
        self.len(items.len())?;
        for chunk in items.chunks(CHUNK / N) {
            let bytes: Vec<u8> = chunk.iter().flat_map(|&n| to(n)).collect();
            self.put(&bytes)?;
        }
        Ok(())
    }

    pub(crate) fn u32s(&mut self, items: &[u32]) -> io::Result<()> {
        self.words(items, u32::to_le_bytes)
    }

    pub(crate) fn u64s(&mut self, items: &[u64]) -> io::Result<()> {
        self.words(items, u64::to_le_bytes)
    }

    /// Numbers that mostly grow by a little (postings: ascending slots, word after word), as
    /// the zigzag varints of their differences: a byte or two each instead of four.
    /// Encoded a chunk at a time as it is written, after a first pass that counts the bytes.
    pub(crate) fn deltas(&mut self, items: &[u32]) -> io::Result<()> {
        let zigzag = |previous: u32, n: u32| {
            let d = i64::from(n) - i64::from(previous);
            ((d << 1) ^ (d >> 63)) as u64
        };
        let mut size = 0usize;
        let mut previous = 0u32;
        for &n in items {
            size += varint::size(zigzag(previous, n));
            previous = n;
        }
        self.len(items.len())?;
        self.len(size)?;
        let mut bytes = Vec::with_capacity(CHUNK + 10);
        previous = 0;
        for &n in items {
            varint::push(&mut bytes, zigzag(previous, n));
            previous = n;
            if bytes.len() >= CHUNK {
                self.put(&bytes)?;
                bytes.clear();
            }
        }
        self.put(&bytes)
    }

    /// Strings as their lengths, then their bytes end to end.
    pub(crate) fn strs<'s>(
        &mut self,
        items: impl Iterator<Item = &'s str> + Clone,
    ) -> io::Result<()> {
        let lengths: Vec<u32> = items.clone().map(|s| s.len() as u32).collect();
        self.u32s(&lengths)?;
        let total: usize = lengths.iter().map(|&l| l as usize).sum();
        self.len(total)?;
        for s in items {
            self.put(s.as_bytes())?;
        }
        Ok(())
    }
}

/// Strings read back: their text end to end and where each ends.
#[derive(Debug, Default)]
pub(crate) struct Strs {
    text: String,
    ends: Vec<usize>,
}

impl Strs {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The `i`th string; empty past the end.
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .map_or(0, |p| self.ends.get(p).copied().unwrap_or(0));
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or("")
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Reads the arrays back in the order they were written, hashing everything read.
pub(crate) struct IndexReader {
    input: BufReader<File>,
    hasher: Xxh3,
    /// Bytes left in the file: no length read may ask for more (a damaged length would
    /// otherwise allocate whatever it says).
    left: u64,
}

/// Spare capacity for an array of `n` items that is to grow a little (the postings of an index
/// being updated with a few more articles): never touched unless used, so it costs no memory,
/// whereas growing a large array past its capacity moves it, holding both copies at once.
pub(crate) fn spare(n: usize) -> usize {
    n / 16 + 4096
}

fn damaged(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

impl IndexReader {
    fn take(&mut self, buf: &mut [u8]) -> io::Result<()> {
        self.input.read_exact(buf)?;
        self.hasher.update(buf);
        self.left = self.left.saturating_sub(buf.len() as u64);
        Ok(())
    }

    fn word(&mut self) -> io::Result<u64> {
        let mut w = [0u8; 8];
        self.take(&mut w)?;
        Ok(u64::from_le_bytes(w))
    }

    /// A length of items of `size` bytes each, checked against what is left of the file.
    fn len(&mut self, size: u64) -> io::Result<usize> {
        let n = self.word()?;
        if n.saturating_mul(size) > self.left {
            return Err(damaged("an array is longer than the file"));
        }
        usize::try_from(n).map_err(|_| damaged("an array is too long"))
    }

    pub(crate) fn u8s(&mut self) -> io::Result<Vec<u8>> {
        self.u8s_with(false)
    }

    /// Like [`u8s`](Self::u8s), with room to grow in place ([`spare`]).
    pub(crate) fn growable_u8s(&mut self) -> io::Result<Vec<u8>> {
        self.u8s_with(true)
    }

    fn u8s_with(&mut self, growable: bool) -> io::Result<Vec<u8>> {
        let n = self.len(1)?;
        let mut items = Vec::with_capacity(if growable { n + spare(n) } else { n });
        items.resize(n, 0);
        self.take(&mut items)?;
        Ok(items)
    }

    fn words<const N: usize, T>(&mut self, from: fn([u8; N]) -> T) -> io::Result<Vec<T>> {
        let n = self.len(N as u64)?;
        let mut items = Vec::with_capacity(n);
        let mut buf = vec![0u8; CHUNK];
        while items.len() < n {
            let count = (n - items.len()).min(CHUNK / N);
            let bytes = &mut buf[..count * N];
            self.take(bytes)?;
            items.extend(bytes.chunks_exact(N).map(|c| {
                let mut w = [0u8; N];
                w.copy_from_slice(c);
                from(w)
            }));
        }
        Ok(items)
    }

    pub(crate) fn u32s(&mut self) -> io::Result<Vec<u32>> {
        self.words(u32::from_le_bytes)
    }

    /// What [`IndexWriter::deltas`] wrote.
    pub(crate) fn deltas(&mut self) -> io::Result<Vec<u32>> {
        self.deltas_with(false)
    }

    /// Like [`deltas`](Self::deltas), with room to grow in place ([`spare`]).
    pub(crate) fn growable_deltas(&mut self) -> io::Result<Vec<u32>> {
        self.deltas_with(true)
    }

    /// Decoded a chunk at a time as it is read: the varints are never held whole.
    fn deltas_with(&mut self, growable: bool) -> io::Result<Vec<u32>> {
        let n = self.len(1)?;
        let mut left = self.len(1)?;
        let mut items = Vec::with_capacity(if growable { n + spare(n) } else { n });
        let mut buf = vec![0u8; CHUNK];
        let (mut previous, mut z, mut shift) = (0i64, 0u64, 0u32);
        while left > 0 {
            let bytes = &mut buf[..left.min(CHUNK)];
            self.take(bytes)?;
            left -= bytes.len();
            for &b in bytes.iter() {
                z |= u64::from(b & 0x7F)
                    .checked_shl(shift)
                    .ok_or_else(|| damaged("a bad varint"))?;
                if b >= 0x80 {
                    shift += 7;
                    continue;
                }
                let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
                previous = previous
                    .checked_add(d)
                    .filter(|&n| u32::try_from(n).is_ok())
                    .ok_or_else(|| damaged("a bad difference"))?;
                if items.len() == n {
                    return Err(damaged("differences disagree with their count"));
                }
                items.push(previous as u32);
                (z, shift) = (0, 0);
            }
        }
        if shift != 0 {
            return Err(damaged("a bad varint"));
        }
        if items.len() != n {
            return Err(damaged("differences disagree with their count"));
        }
        Ok(items)
    }

    pub(crate) fn u64s(&mut self) -> io::Result<Vec<u64>> {
        self.words(u64::from_le_bytes)
    }

    pub(crate) fn strs(&mut self) -> io::Result<Strs> {
        let lengths = self.u32s()?;
        let bytes = self.u8s()?;
        let text = String::from_utf8(bytes).map_err(|_| damaged("a string is not UTF-8"))?;
        let mut ends = Vec::with_capacity(lengths.len());
        let mut at = 0usize;
        for l in lengths {
            at += l as usize;
            if at > text.len() || !text.is_char_boundary(at) {
                return Err(damaged("string lengths disagree with their text"));
            }
            ends.push(at);
        }
        if at != text.len() {
            return Err(damaged("string lengths disagree with their text"));
        }
        Ok(Strs { text, ends })
    }

    /// Reads what is left before the checksum without keeping it, only hashing it.
    fn skip_rest(&mut self) -> io::Result<()> {
        let mut buf = vec![0u8; CHUNK];
        while self.left > 8 {
            let n = usize::try_from(self.left - 8).map_or(CHUNK, |n| n.min(CHUNK));
            self.take(&mut buf[..n])?;
        }
        Ok(())
    }

    /// Checks the checksum and that nothing follows it.
    fn finish(mut self) -> io::Result<()> {
        let digest = self.hasher.digest();
        let mut w = [0u8; 8];
        self.input.read_exact(&mut w)?;
        if u64::from_le_bytes(w) != digest {
            return Err(damaged("checksum mismatch"));
        }
        if self.input.read(&mut [0u8; 1])? != 0 {
            return Err(damaged("bytes after the checksum"));
        }
        Ok(())
    }
}

/// Saves the index of the corpus with key `corpus` in `dir`: `write` writes its arrays.
/// Removes index files of other builds.
pub(crate) fn save(
    dir: &Path,
    corpus: u128,
    write: impl FnOnce(&mut IndexWriter<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let target = path(dir, EXTRACTION_FINGERPRINT);
    write_atomic_with(
        &target,
        |f| {
            let mut w = IndexWriter {
                out: BufWriter::new(f),
                hasher: Xxh3::new(),
            };
            w.put(MAGIC)?;
            w.put(&EXTRACTION_FINGERPRINT.to_le_bytes())?;
            w.put(&corpus.to_le_bytes())?;
            write(&mut w)?;
            let digest = w.hasher.digest();
            w.out.write_all(&digest.to_le_bytes())?;
            w.out.flush()
        },
        || Ok(()),
    )?;
    remove_other_builds(dir, &target);
    Ok(())
}

/// Whether `dir` holds an index of this build for the corpus with key `corpus`, or for any
/// corpus when `None` (going by its header, not yet verified).
pub(crate) fn is_saved(dir: &Path, corpus: Option<u128>) -> bool {
    matches!(open(dir, corpus), Ok(Some(_)))
}

/// Loads the index saved in `dir` for the corpus with key `corpus` (any corpus when `None`),
/// with `read` reading its arrays back. `Ok(None)`: no index saved for this corpus and build
/// (the usual miss after a change); `Err`: a file that should have been one but is damaged,
/// with the warning to show.
pub(crate) fn load<T>(
    dir: &Path,
    corpus: Option<u128>,
    read: impl FnOnce(&mut IndexReader) -> io::Result<T>,
) -> Result<Option<T>, String> {
    read_with(dir, corpus, read, |_| Ok(()))
}

/// Like [`load`] for any corpus, with `read` reading only the first arrays: the rest of the
/// file is hashed, not kept, so that the checksum still vouches for what was read.
pub(crate) fn load_front<T>(
    dir: &Path,
    read: impl FnOnce(&mut IndexReader) -> io::Result<T>,
) -> Result<Option<T>, String> {
    read_with(dir, None, read, IndexReader::skip_rest)
}

fn read_with<T>(
    dir: &Path,
    corpus: Option<u128>,
    read: impl FnOnce(&mut IndexReader) -> io::Result<T>,
    rest: impl FnOnce(&mut IndexReader) -> io::Result<()>,
) -> Result<Option<T>, String> {
    let Some(mut reader) = open(dir, corpus)? else {
        return Ok(None);
    };
    let value = read(&mut reader)
        .and_then(|v| rest(&mut reader).map(|()| v))
        .and_then(|v| reader.finish().map(|()| v));
    value.map(Some).map_err(|e| {
        let at = path(dir, EXTRACTION_FINGERPRINT);
        discard(&at);
        format!("index {} is unusable ({e}); rebuilding it", at.display())
    })
}

/// Removes a damaged file, so that it is reported once, not again by every later reader before
/// it is replaced (best effort).
fn discard(at: &Path) {
    let _ = fs::remove_file(at);
}

/// The index file in `dir`, read past its header when it is this build's index of the corpus
/// with key `corpus` (of any corpus when `None`).
fn open(dir: &Path, corpus: Option<u128>) -> Result<Option<IndexReader>, String> {
    let at = path(dir, EXTRACTION_FINGERPRINT);
    let (file, meta) = match open_regular(&at) {
        Ok(opened) => opened,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(e) => return Err(format!("index {} cannot be read ({e})", at.display())),
    };
    if meta.len() > MAX_INDEX_BYTES {
        return Err(format!(
            "index {} is too large; rebuilding it",
            at.display()
        ));
    }
    let mut reader = IndexReader {
        input: BufReader::with_capacity(CHUNK, file),
        hasher: Xxh3::new(),
        left: meta.len(),
    };
    let mut header = [0u8; 8 + 8 + 16];
    if reader.take(&mut header).is_err() || &header[..8] != MAGIC {
        discard(&at);
        return Err(format!("index {} is unusable; rebuilding it", at.display()));
    }
    let word = |range: std::ops::Range<usize>| {
        let mut w = [0u8; 16];
        w[..range.len()].copy_from_slice(&header[range]);
        u128::from_le_bytes(w)
    };
    let ours = word(8..16) == u128::from(EXTRACTION_FINGERPRINT)
        && corpus.is_none_or(|c| word(16..32) == c);
    Ok(ours.then_some(reader))
}

/// Index files of other builds are dead weight; removing them is best effort.
fn remove_other_builds(dir: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("index-") && name.ends_with(".bin") && e.path() != keep {
            let _ = fs::remove_file(e.path());
        }
    }
}
