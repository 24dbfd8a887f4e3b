//! Response compression: `Accept-Encoding` negotiation, and bodies compressed once and
//! kept in memory for the responses that only change with a release.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, OnceLock, RwLock};

use bytes::Bytes;

/// A content coding the server can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coding {
    /// No compression.
    Identity,
    /// `gzip`.
    Gzip,
    /// `br` (Brotli).
    Brotli,
}

impl Coding {
    /// The `Content-Encoding` value, `None` for identity.
    pub(crate) fn header(self) -> Option<&'static str> {
        match self {
            Coding::Identity => None,
            Coding::Gzip => Some("gzip"),
            Coding::Brotli => Some("br"),
        }
    }

    /// The coding to use for a client's `Accept-Encoding` header (RFC 9110 §12.5.3):
    /// the acceptable one with the highest weight, Brotli before gzip on a tie, and
    /// identity when neither is acceptable.
    pub(crate) fn negotiate(accept: Option<&[u8]>) -> Coding {
        let Some(accept) = accept.and_then(|a| std::str::from_utf8(a).ok()) else {
            return Coding::Identity;
        };
        let (mut br, mut gzip, mut star) = (None, None, None);
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let mut q = 1.0f32;
            for p in parts {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            if name.eq_ignore_ascii_case("br") {
                br = Some(q);
            } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                gzip = Some(q);
            } else if name == "*" {
                star = Some(q);
            }
        }
        let br = br.or(star).unwrap_or(0.0);
        let gzip = gzip.or(star).unwrap_or(0.0);
        if br > 0.0 && br >= gzip {
            Coding::Brotli
        } else if gzip > 0.0 {
            Coding::Gzip
        } else {
            Coding::Identity
        }
    }
}

/// How hard to compress.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Effort {
    /// Fast, for bodies made per request.
    Fast,
    /// Thorough, for bodies compressed once and served many times.
    Best,
}

/// Bodies below this size are sent as they are: compression would save little and
/// cost more than it saves.
pub(crate) const MIN_COMPRESS: usize = 1024;

/// `body` compressed with `coding`.
pub(crate) fn compress(body: &[u8], coding: Coding, effort: Effort) -> Vec<u8> {
    match coding {
        Coding::Identity => body.to_vec(),
        Coding::Gzip => {
            let level = match effort {
                Effort::Fast => flate2::Compression::fast(),
                Effort::Best => flate2::Compression::best(),
            };
            let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 4), level);
            // Writing to a Vec cannot fail.
            let _ = enc.write_all(body);
            enc.finish().unwrap_or_default()
        }
        Coding::Brotli => {
            let quality = match effort {
                Effort::Fast => 1,
                Effort::Best => BROTLI_BEST,
            };
            let mut out = Vec::with_capacity(body.len() / 5);
            {
                let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
                let _ = w.write_all(body);
            }
            out
        }
    }
}

/// The Brotli quality of the bodies compressed once (0–11). 11 is slow on the
/// 2 MB v1 tree; see server/README.md for the measurement behind this value.
const BROTLI_BEST: u32 = 9;

/// A response body that only changes with a release: its JSON, a strong validator and
/// its compressed forms, each made on first use and kept.
#[derive(Debug)]
pub(crate) struct Static {
    json: Bytes,
    etag: String,
    gzip: OnceLock<Bytes>,
    br: OnceLock<Bytes>,
}

impl Static {
    /// Wraps a rendered JSON body.
    pub(crate) fn new(json: Vec<u8>) -> Static {
        // The same bytes give the same tag in every run and on every replica.
        let etag = format!("\"{:016x}\"", fnv1a(&json));
        Static {
            json: Bytes::from(json),
            etag,
            gzip: OnceLock::new(),
            br: OnceLock::new(),
        }
    }

    /// The body in `coding` (identity when the body is too small to be worth it) and
    /// the coding actually used.
    pub(crate) fn body(&self, coding: Coding) -> (Bytes, Coding) {
        if self.json.len() < MIN_COMPRESS {
            return (self.json.clone(), Coding::Identity);
        }
        let cell = match coding {
            Coding::Identity => return (self.json.clone(), Coding::Identity),
            Coding::Gzip => &self.gzip,
            Coding::Brotli => &self.br,
        };
        let body = cell.get_or_init(|| Bytes::from(compress(&self.json, coding, Effort::Best)));
        (body.clone(), coding)
    }

    /// The entity tag of the identity body; a compressed form appends its coding
    /// (`"…-br"`), since its bytes differ.
    pub(crate) fn etag(&self, coding: Coding) -> String {
        match coding.header() {
            Some(c) if self.json.len() >= MIN_COMPRESS => {
                let mut t = self.etag.clone();
                t.insert_str(t.len() - 1, &format!("-{c}"));
                t
            }
            _ => self.etag.clone(),
        }
    }

    /// Whether an `If-None-Match` header matches one of this body's forms.
    pub(crate) fn matches(&self, if_none_match: &[u8]) -> bool {
        let Ok(value) = std::str::from_utf8(if_none_match) else {
            return false;
        };
        let base = &self.etag[..self.etag.len() - 1]; // without the closing quote
        value.split(',').any(|tag| {
            let tag = tag.trim();
            if tag == "*" {
                return true;
            }
            // Weak comparison (RFC 9110 §13.1.2): a W/ prefix does not matter.
            let tag = tag.strip_prefix("W/").unwrap_or(tag);
            tag == self.etag
                || ["-gzip\"", "-br\""]
                    .iter()
                    .any(|suffix| tag.strip_suffix(suffix) == Some(base))
        })
    }

    /// The size of the identity body.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.json.len()
    }
}

/// The [`Static`] bodies made so far, by key: `(endpoint, code, depth)`. Callers only
/// cache responses for codes that exist, so the map is bounded by the data (a few
/// thousand entries at most).
#[derive(Debug, Default)]
pub(crate) struct Cache {
    map: RwLock<HashMap<CacheKey, Arc<Static>>>,
}

/// What a cached body is: its endpoint, and the code and depth it was asked for.
pub(crate) type CacheKey = (&'static str, u32, u8);

impl Cache {
    /// The body for `key`, rendered by `render` on first use.
    pub(crate) fn get(&self, key: CacheKey, render: impl FnOnce() -> Vec<u8>) -> Arc<Static> {
        if let Some(s) = self.map.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Arc::clone(s);
        }
        // Rendered outside the lock; two threads may both render a body the first
        // time, and the first one stored wins.
        let fresh = Arc::new(Static::new(render()));
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        Arc::clone(map.entry(key).or_insert(fresh))
    }
}

/// 64-bit FNV-1a: a stable hash for entity tags (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn negotiation() {
        let n = |s: &str| Coding::negotiate(Some(s.as_bytes()));
        assert_eq!(Coding::negotiate(None), Coding::Identity);
        assert_eq!(n(""), Coding::Identity);
        assert_eq!(n("gzip"), Coding::Gzip);
        assert_eq!(n("gzip, deflate, br"), Coding::Brotli);
        assert_eq!(n("br;q=0, gzip"), Coding::Gzip);
        assert_eq!(n("br;q=0.5, gzip;q=0.8"), Coding::Gzip);
        assert_eq!(n("*"), Coding::Brotli);
        assert_eq!(n("*;q=0"), Coding::Identity);
        assert_eq!(n("identity"), Coding::Identity);
        assert_eq!(n("GZIP"), Coding::Gzip);
        assert_eq!(n("gzip;q=garbage"), Coding::Identity);
        assert_eq!(Coding::negotiate(Some(b"\xff")), Coding::Identity);
    }

    #[test]
    fn compressed_bodies_round_trip() {
        let json = serde_json::to_vec(&vec!["Phường Sài Gòn"; 500]).unwrap();
        let s = Static::new(json.clone());
        let (gz, c) = s.body(Coding::Gzip);
        assert_eq!(c, Coding::Gzip);
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, json);
        let (br, c) = s.body(Coding::Brotli);
        assert_eq!(c, Coding::Brotli);
        let mut out = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, json);
        assert!(br.len() < json.len() / 10 && gz.len() < json.len() / 10);
        // Fast compression round-trips too.
        let fast = compress(&json, Coding::Gzip, Effort::Fast);
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&fast[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, json);
    }

    #[test]
    fn small_bodies_are_not_compressed() {
        let s = Static::new(b"[]".to_vec());
        assert_eq!(s.body(Coding::Brotli).1, Coding::Identity);
        assert_eq!(s.etag(Coding::Brotli), s.etag(Coding::Identity));
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn entity_tags() {
        let s = Static::new(vec![b'x'; 4000]);
        let plain = s.etag(Coding::Identity);
        let br = s.etag(Coding::Brotli);
        assert!(plain.starts_with('"') && plain.ends_with('"'));
        assert_eq!(br, format!("{}-br\"", &plain[..plain.len() - 1]));
        assert!(s.matches(plain.as_bytes()));
        assert!(s.matches(br.as_bytes()));
        assert!(s.matches(format!("\"other\", W/{br}").as_bytes()));
        assert!(s.matches(b"*"));
        assert!(!s.matches(b"\"other\""));
        assert_ne!(Static::new(vec![b'y'; 4000]).etag(Coding::Identity), plain);
    }
}
