//! The text of CIDs in Adobe's CJK character collections (Adobe-GB1,
//! Adobe-CNS1, Adobe-Japan1, Adobe-Korea1), for composite fonts that name
//! such a collection in their `CIDSystemInfo` but carry no `ToUnicode`
//! (XeTeX with Adobe's CJK fonts, older Acrobat and Word output). Readers
//! map these through Adobe's `*-UCS2` CMaps; so do we. The four CMaps are
//! embedded zlib-compressed (`cmaps/`, 320 KB) and parsed on first use, once
//! per process, into [`CMap`] ranges.

use super::cmap::CMap;
use std::io::Read;
use std::sync::OnceLock;

static GB1: OnceLock<CMap> = OnceLock::new();
static CNS1: OnceLock<CMap> = OnceLock::new();
static JAPAN1: OnceLock<CMap> = OnceLock::new();
static KOREA1: OnceLock<CMap> = OnceLock::new();

fn inflate(z: &[u8]) -> CMap {
    let mut out = Vec::new();
    let _ = flate2::read::ZlibDecoder::new(z)
        .take(1 << 20)
        .read_to_end(&mut out);
    CMap::parse(&out)
}

/// The CID-to-Unicode map of the collection `Registry-Ordering`, if known.
pub fn to_unicode(registry: &[u8], ordering: &[u8]) -> Option<&'static CMap> {
    if registry != b"Adobe" {
        return None;
    }
    Some(match ordering {
        b"GB1" => GB1.get_or_init(|| inflate(include_bytes!("cmaps/Adobe-GB1-UCS2.z"))),
        b"CNS1" => CNS1.get_or_init(|| inflate(include_bytes!("cmaps/Adobe-CNS1-UCS2.z"))),
        b"Japan1" => JAPAN1.get_or_init(|| inflate(include_bytes!("cmaps/Adobe-Japan1-UCS2.z"))),
        b"Korea1" => KOREA1.get_or_init(|| inflate(include_bytes!("cmaps/Adobe-Korea1-UCS2.z"))),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_map_cids_to_text() {
        let gb1 = to_unicode(b"Adobe", b"GB1").unwrap();
        // CID 1 is the space in every collection; GB1's 4162 is 的 (U+7684).
        assert_eq!(gb1.unicode(1).as_deref(), Some(" "));
        assert_eq!(gb1.unicode(34).as_deref(), Some("A"));
        let de = (0..30000u32).find(|&c| gb1.unicode(c).as_deref() == Some("的"));
        assert!(de.is_some());
        let j = to_unicode(b"Adobe", b"Japan1").unwrap();
        assert_eq!(j.unicode(843).as_deref(), Some("あ"));
        assert!(to_unicode(b"Adobe", b"CNS1").unwrap().unicode(34).is_some());
        assert!(to_unicode(b"Adobe", b"Korea1")
            .unwrap()
            .unicode(34)
            .is_some());
        assert!(to_unicode(b"Adobe", b"Identity").is_none());
        assert!(to_unicode(b"Other", b"GB1").is_none());
    }
}
